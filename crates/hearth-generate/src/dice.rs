//! The generator's random numbers: a ChaCha8 stream per participant, read through a
//! few integer helpers of our own, so that the numbers drawn depend only on the ChaCha
//! stream (value-stable across platforms and `rand_chacha` releases) and never on a
//! distribution algorithm that a `rand` release might change.

use rand_chacha::rand_core::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Separates the generator's streams from any other use of the same seed, and names the
/// layout of the key (`seed`, `index`, this tag) in case it ever has to change.
const TAG: [u8; 16] = *b"hearth-gen/v1\0\0\0";

/// A deterministic source of numbers for one participant.
#[derive(Debug, Clone)]
pub(crate) struct Dice(ChaCha8Rng);

impl Dice {
    /// The stream of participant `index` under `seed`: the ChaCha key is the seed and the
    /// index (little-endian) followed by [`TAG`], so participant `index` is the same
    /// whatever the number of participants and can be generated on its own.
    pub(crate) fn new(seed: u64, index: u64) -> Dice {
        let mut key = [0u8; 32];
        for (slot, byte) in key.iter_mut().zip(
            seed.to_le_bytes()
                .into_iter()
                .chain(index.to_le_bytes())
                .chain(TAG),
        ) {
            *slot = byte;
        }
        Dice(ChaCha8Rng::from_seed(key))
    }

    /// The next 64 random bits.
    pub(crate) fn next(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A number in `0..n` (0 when `n` is 0), by the multiply-shift method.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        let wide = u128::from(self.next()) * u128::from(n);
        u64::try_from(wide >> 64).unwrap_or(0)
    }

    /// A number in `lo..=hi` (`lo` when `hi < lo`).
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = hi.abs_diff(lo).saturating_add(1);
        let step = i64::try_from(self.below(span)).unwrap_or(0);
        lo.saturating_add(step)
    }

    /// True `percent` times in a hundred.
    pub(crate) fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// An index into a list of `len` items (0 for an empty list).
    pub(crate) fn index(&mut self, len: usize) -> usize {
        let len = u64::try_from(len).unwrap_or(u64::MAX);
        usize::try_from(self.below(len)).unwrap_or(0)
    }

    /// One of `items`, or `fallback` when there are none.
    pub(crate) fn pick<T: Copy>(&mut self, items: &[T], fallback: T) -> T {
        let i = self.index(items.len());
        items.get(i).copied().unwrap_or(fallback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_depends_on_seed_and_index_only() {
        let a: Vec<u64> = (0..4).map(|_| Dice::new(7, 3).next()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(Dice::new(7, 3).next(), Dice::new(7, 4).next());
        assert_ne!(Dice::new(7, 3).next(), Dice::new(8, 3).next());
    }

    #[test]
    fn the_stream_is_value_stable() {
        // Pinned: a change here changes every generated caseload.
        let mut dice = Dice::new(0, 0);
        let first: Vec<u64> = (0..3).map(|_| dice.next()).collect();
        assert_eq!(first, PINNED);
    }

    const PINNED: [u64; 3] = [
        14973546493505725270,
        3029296384752776439,
        9169320008340167271,
    ];

    #[test]
    fn helpers_stay_in_range() {
        let mut dice = Dice::new(1, 2);
        for _ in 0..1000 {
            let r = dice.range(-3, 5);
            assert!((-3..=5).contains(&r));
            assert!(dice.below(10) < 10);
            assert!(dice.index(3) < 3);
        }
        assert_eq!(dice.below(0), 0);
        assert_eq!(dice.range(4, 2), 4);
        assert_eq!(dice.index(0), 0);
        assert_eq!(dice.pick::<u8>(&[], 9), 9);
        let hits = (0..1000).filter(|_| dice.percent(30)).count();
        assert!((200..400).contains(&hits), "{hits}");
    }
}
