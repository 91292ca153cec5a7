//! Splitting work over the machine's cores: parsing incident files, rendering drafts and writing
//! them are each most of their command's time at scale.

/// The number of threads to use: the cores there are, at most 8. Asked of the system once (it
/// reads the cgroup's quota files).
pub fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8))
}

/// How many pieces each thread's share is cut into. Items differ in cost (a directory of many
/// files, an incident with a thousand tenants); with one piece per thread the slowest decides
/// the time while the others wait, with several the thread that finishes first takes the next.
const PIECES_PER_THREAD: usize = 4;

/// Runs `work` on contiguous chunks of `items`, on `threads` threads at once, each taking the
/// next chunk when done with one; the results come back in the order of the chunks, so the
/// caller's order is kept. This thread only waits: with it taking chunks too, `list --all` in
/// the big store measured 39 → 44 ms, for reasons not pinned down.
pub fn by_chunks<T: Sync, R: Send>(items: &[T], threads: usize, work: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    if threads <= 1 || items.len() <= 1 {
        // One chunk of work: no thread to start and wait for.
        return if items.is_empty() { Vec::new() } else { vec![work(items)] };
    }
    let chunk = items.len().div_ceil(threads * PIECES_PER_THREAD).max(1);
    let chunks: Vec<&[T]> = items.chunks(chunk).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let take = || {
        let mut done = Vec::new();
        loop {
            let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(part) = chunks.get(n) else { return done };
            done.push((n, work(part)));
        }
    };
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.min(chunks.len())).map(|_| scope.spawn(take)).collect();
        workers.into_iter().flat_map(|worker| worker.join().expect("a worker thread panicked")).collect()
    });
    results.sort_unstable_by_key(|(n, _)| *n);
    results.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_come_back_in_order_and_cover_everything() {
        let items: Vec<u32> = (1..=10).collect();
        let sums = by_chunks(&items, 3, |part| part.to_vec());
        assert_eq!(sums.concat(), items);
        assert!(by_chunks(&[] as &[u32], 4, |part| part.len()).is_empty());
        let many: Vec<u32> = (0..1000).collect();
        let parts = by_chunks(&many, 2, |part| part.to_vec());
        assert!(parts.len() > 2, "cut finer than one piece per thread");
        assert_eq!(parts.concat(), many);
    }
}
