package io.tfmesh.observe.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the process holds at one moment: open file descriptors ({@code /proc/self/fd}) and live
 * threads, the threads also by pool (their names without numbers).
 */
record ProcessResources(long fileDescriptors, int threads, Map<String, Integer> threadPools) {

	static ProcessResources now() {
		return of(fileDescriptorCount(), threadNames());
	}

	static ProcessResources of(long fileDescriptors, Collection<String> threadNames) {
		Map<String, Integer> pools = threadNames.stream()
			.collect(Collectors.groupingBy(ProcessResources::pool, TreeMap::new, Collectors.summingInt(name -> 1)));
		return new ProcessResources(fileDescriptors, threadNames.size(), pools);
	}

	/** {@code HttpClient-17-SelectorManager} and {@code HttpClient-3-SelectorManager} are one pool. */
	static String pool(String threadName) {
		return threadName.replaceAll("\\d+", "#");
	}

	/** The larger of each figure, for peaks. */
	ProcessResources max(ProcessResources other) {
		return (other.threads > threads || other.fileDescriptors > fileDescriptors)
				? new ProcessResources(Math.max(fileDescriptors, other.fileDescriptors), Math.max(threads, other.threads),
						(other.threads > threads) ? other.threadPools : threadPools)
				: this;
	}

	String line(String when) {
		return String.format(Locale.ROOT, "%-44s %6d fds %6d threads", when, fileDescriptors, threads);
	}

	/** The pools with at least {@code least} threads, largest first. */
	String pools(int least) {
		return threadPools.entrySet()
			.stream()
			.filter(pool -> pool.getValue() >= least)
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.map(pool -> pool.getValue() + " " + pool.getKey())
			.collect(Collectors.joining(", "));
	}

	/** Without their stacks, which would cost more than the sampling can afford. */
	private static List<String> threadNames() {
		ThreadGroup root = Thread.currentThread().getThreadGroup();
		while (root.getParent() != null) {
			root = root.getParent();
		}
		Thread[] threads = new Thread[root.activeCount() * 2 + 16];
		int count = root.enumerate(threads, true);
		return Arrays.stream(threads, 0, count).map(Thread::getName).toList();
	}

	private static long fileDescriptorCount() {
		try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
			// the listing holds one descriptor of its own
			return open.count() - 1;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list /proc/self/fd", ex);
		}
	}

}
