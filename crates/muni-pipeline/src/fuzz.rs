//! Mutation fuzzing without a dependency, for the parsers of what arrives from outside: seeds
//! (real and SYNTHETIC bodies) get bytes replaced, cut, duplicated and swapped, thousands of
//! times; a parser must answer, never panic. The counts are printed
//! (`cargo test -p muni-pipeline fuzz -- --nocapture`).

/// Runs `rounds` mutated inputs through `parse` (which says whether it accepted the input);
/// returns how many were tried and how many accepted. Panics, naming the input, if `parse` did.
pub fn mutate(
    seeds: &[Vec<u8>],
    rounds: usize,
    alphabet: &[u8],
    parse: impl Fn(&[u8]) -> bool,
) -> (usize, usize) {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut rnd = move |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n.max(1) as u64) as usize
    };
    let (mut tried, mut ok) = (0, 0);
    for round in 0..rounds {
        let mut b = seeds[round % seeds.len()].clone();
        for _ in 0..1 + rnd(6) {
            if b.is_empty() {
                break;
            }
            let i = rnd(b.len());
            match rnd(4) {
                0 => b[i] = alphabet[rnd(alphabet.len())],
                1 => b.truncate(i),
                2 => {
                    let j = (i + rnd(16)).min(b.len());
                    let piece = b[i..j].to_vec();
                    b.splice(i..i, piece);
                }
                _ => {
                    let j = rnd(b.len());
                    b.swap(i, j);
                }
            }
        }
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parse(&b)));
        assert!(
            r.is_ok(),
            "panic on input {:?}",
            String::from_utf8_lossy(&b)
        );
        ok += usize::from(matches!(r, Ok(true)));
        tried += 1;
    }
    (tried, ok)
}
