//! Splitting work over the machine's cores: parsing incident files, rendering drafts and writing
//! them are each most of their command's time at scale.

/// The number of threads to use: the cores there are, at most 8.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8)
}

/// Runs `work` on `threads` contiguous chunks of `items` at once; the results come back in the
/// order of the chunks, so the caller's order is kept.
pub fn by_chunks<T: Sync, R: Send>(items: &[T], threads: usize, work: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    if threads <= 1 || items.len() <= 1 {
        // One chunk of work: no thread to start and wait for.
        return if items.is_empty() { Vec::new() } else { vec![work(items)] };
    }
    let chunk = items.len().div_ceil(threads).max(1);
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items.chunks(chunk).map(|part| scope.spawn(move || work(part))).collect();
        handles.into_iter().map(|h| h.join().expect("a worker thread panicked")).collect()
    })
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
    }
}
