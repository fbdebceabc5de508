//! Reading one CSV file of the export: its header, then its rows with their line numbers.

use csv::ByteRecord;

use crate::HmisError;

/// One file being read.
pub(crate) struct Table<'a> {
    pub file: &'static str,
    pub width: usize,
    columns: Vec<String>,
    reader: csv::Reader<&'a [u8]>,
    /// The bytes read (after any byte-order mark), to count lines in.
    bytes: &'a [u8],
    /// Newlines counted so far, up to byte `counted_to`.
    newlines: u64,
    counted_to: usize,
}

impl<'a> Table<'a> {
    /// Opens a file's bytes: strips a UTF-8 byte-order mark and reads the header.
    /// `Ok(None)` for a file with no header at all (zero bytes).
    pub fn open(file: &'static str, bytes: &'a [u8]) -> Result<Option<Self>, HmisError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .from_reader(bytes);
        let headers = reader.byte_headers().map_err(|e| csv_error(file, &e))?;
        if headers.is_empty() || (headers.len() == 1 && headers.get(0) == Some(b"")) {
            return Ok(None);
        }
        let columns: Vec<String> = headers
            .iter()
            .map(|h| String::from_utf8_lossy(h).trim().to_owned())
            .collect();
        Ok(Some(Self {
            file,
            width: columns.len(),
            columns,
            reader,
            bytes,
            newlines: 0,
            counted_to: 0,
        }))
    }

    /// The index of a column the import needs.
    pub fn col(&self, column: &'static str) -> Result<usize, HmisError> {
        self.opt_col(column).ok_or(HmisError::MissingColumn {
            file: self.file,
            column,
        })
    }

    /// The index of a column the import reads when it is there.
    pub fn opt_col(&self, column: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.eq_ignore_ascii_case(column))
    }

    /// Reads the next row into `record`; its line number (the header is line 1), or
    /// `None` at the end.
    pub fn next_row(&mut self, record: &mut ByteRecord) -> Result<Option<u64>, HmisError> {
        // The reader's position before the read is where the record starts (blank lines
        // between records excepted, which the reader skips).
        let before = usize::try_from(self.reader.position().byte()).unwrap_or(usize::MAX);
        match self.reader.read_byte_record(record) {
            Ok(true) => {
                // Skip the line ends the reader skipped before the record.
                let mut start = before.max(self.counted_to);
                while let Some(b'\r' | b'\n') = self.bytes.get(start) {
                    start += 1;
                }
                let seen = self.bytes.get(self.counted_to..start).unwrap_or_default();
                self.newlines += seen.iter().filter(|b| **b == b'\n').count() as u64;
                self.counted_to = start;
                Ok(Some(self.newlines + 1))
            }
            Ok(false) => Ok(None),
            Err(e) => Err(csv_error(self.file, &e)),
        }
    }
}

fn csv_error(file: &'static str, e: &csv::Error) -> HmisError {
    let message = match e.position() {
        Some(p) => format!("the CSV cannot be read past line {}", p.line()),
        None => "the CSV cannot be read".to_owned(),
    };
    HmisError::Csv { file, message }
}

/// A field as text: `Ok("")` when the column is absent or empty, `Err(())` when it is not
/// UTF-8. Surrounding spaces are trimmed.
pub(crate) fn field(record: &ByteRecord, index: Option<usize>) -> Result<&str, ()> {
    let Some(i) = index else { return Ok("") };
    match record.get(i) {
        None => Ok(""),
        Some(bytes) => std::str::from_utf8(bytes).map(str::trim).map_err(|_| ()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<u64> {
        let mut t = Table::open("T.csv", text.as_bytes()).unwrap().unwrap();
        let mut rec = ByteRecord::new();
        let mut out = Vec::new();
        while let Some(line) = t.next_row(&mut rec).unwrap() {
            out.push(line);
        }
        out
    }

    #[test]
    fn rows_are_numbered_by_the_line_they_start_on() {
        assert_eq!(lines("a,b\n1,2\n3,4\n"), vec![2, 3]);
        assert_eq!(lines("a,b\r\n1,2\r\n3,4\r\n"), vec![2, 3]);
        assert_eq!(lines("\u{feff}a,b\r\n\"x\ny\",2\r\n3,4"), vec![2, 4]);
    }
}
