package io.tfmesh.mesh.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Allocates pod, service and fabric CIDRs for 10,000 clusters of one mesh: in memory with tfmesh's
 * planner and with the IPAddress library's PrefixBlockAllocator, then committed to PostgreSQL.
 * Run it with {@code ./mvnw -q -Pbench -DskipTests verify -pl backend -am}; an optional argument
 * sets the number of clusters.
 */
public final class AllocationBenchmark {

	private static final int WARMUP_ROUNDS = 20;

	private static final int MEASURED_ROUNDS = 15;

	private static final int CLUSTERS_PER_TRANSACTION = 250;

	private AllocationBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		// the embedded server and Flyway report every step; the figures are what matters here
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		Workload workload = new Workload(args.length > 0 ? Integer.parseInt(args[0]) : 10_000);
		Runtime runtime = Runtime.getRuntime();
		System.out.printf(Locale.ROOT,
				"%nAllocation benchmark: %,d clusters x (pod, service, fabric) = %,d blocks in one mesh%n",
				workload.clusters(), workload.allocations());
		System.out.printf(Locale.ROOT, "JVM: %s %s (%s), %d cores, max heap %d MiB%n",
				System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
				System.getProperty("java.vm.vendor"), runtime.availableProcessors(), runtime.maxMemory() >> 20);
		System.out.printf(Locale.ROOT, "Pools: %s%n", Arrays.stream(Workload.Kind.values())
			.map(kind -> kind.column() + " " + kind.pool() + " " + sizes(workload, kind))
			.collect(Collectors.joining(", ")));
		System.out.printf(Locale.ROOT, "Taken before the first cluster: %s%n%n", Workload.RESERVED);

		InMemoryBenchmark.Figures memory = InMemoryBenchmark.run(workload, WARMUP_ROUNDS, MEASURED_ROUNDS);
		CommittedBenchmark.Figures committed = CommittedBenchmark.run(workload, CLUSTERS_PER_TRANSACTION);

		String row = "| %-62s | %12s | %7s | %8s | %12s |%n";
		System.out.printf(Locale.ROOT, row, "run", "clusters/s", "blocks", "overlaps", "outside pool");
		System.out.printf(Locale.ROOT, row, "-".repeat(62), "-".repeat(12), "-".repeat(7), "-".repeat(8),
				"-".repeat(12));
		System.out.printf(Locale.ROOT, row, "in memory, tfmesh AddressSpace (median of " + MEASURED_ROUNDS + ")",
				"%,.0f".formatted(memory.tfmeshMedian()), memory.tfmeshCheck().allocations(),
				memory.tfmeshCheck().overlaps(), memory.tfmeshCheck().outsidePool());
		System.out.printf(Locale.ROOT, row,
				"in memory, IPAddress 5.5.1 PrefixBlockAllocator (median of " + MEASURED_ROUNDS + ")",
				"%,.0f".formatted(memory.peerMedian()), memory.peerCheck().allocations(), memory.peerCheck().overlaps(),
				memory.peerCheck().outsidePool());
		System.out.printf(Locale.ROOT, row, "ratio tfmesh / peer",
				"%.2fx".formatted(memory.tfmeshMedian() / memory.peerMedian()), "", "", "");
		System.out.printf(Locale.ROOT, row,
				"committed, %s, %d per transaction".formatted(committed.server(), CLUSTERS_PER_TRANSACTION),
				"%,.0f".formatted(committed.clustersPerSecond()), committed.check().allocations(),
				committed.overlappingPairs() + " (SQL)", committed.outsidePool() + " (SQL)");
		System.out.printf(Locale.ROOT, "%nIn memory, clusters/s per round: tfmesh %s; peer %s%n",
				rounds(memory.tfmesh()), rounds(memory.peer()));
		System.out.printf(Locale.ROOT,
				"Committed: %,d clusters in %.2f s, %d transactions, %d retried after losing to the exclusion "
						+ "constraint; blocks of the requested size: %s%n%n",
				workload.clusters(), committed.seconds(), committed.transactions(), committed.retries(),
				committed.check().wrongSize() == 0 ? "all" : "not all");
		boolean correct = memory.tfmeshCheck().correct(workload) && memory.peerCheck().correct(workload)
				&& committed.check().correct(workload) && committed.overlappingPairs() == 0
				&& committed.outsidePool() == 0;
		if (!correct) {
			throw new IllegalStateException("an allocator handed out overlapping, misplaced or missing blocks");
		}
	}

	private static String sizes(Workload workload, Workload.Kind kind) {
		return "(" + IntStream.range(0, 30)
			.map(cluster -> workload.prefixLength(kind, cluster))
			.distinct()
			.sorted()
			.mapToObj(prefixLength -> "/" + prefixLength)
			.collect(Collectors.joining(" ")) + ")";
	}

	private static String rounds(double[] perSecond) {
		return Arrays.stream(perSecond).mapToObj(value -> "%,.0f".formatted(value)).collect(Collectors.joining(" "));
	}

}
