package io.tfmesh.mesh.bench;

import java.util.ArrayList;
import java.util.List;

import io.tfmesh.net.Cidr;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's own workload: its figures mean something only when both allocators did the same, correct work. */
class InMemoryBenchmarkTest {

	private final Workload workload = new Workload(2_000);

	@Test
	void bothAllocatorsHandOutEveryBlockDisjointAndInsideItsPool() {
		Allocations tfmesh = Allocations.check(workload, InMemoryBenchmark.tfmesh(workload));
		Allocations peer = Allocations.check(workload, InMemoryBenchmark.toCidrs(InMemoryBenchmark.peer(workload)));

		assertThat(tfmesh).isEqualTo(new Allocations(6_000, 0, 0, 0));
		assertThat(peer).isEqualTo(new Allocations(6_000, 0, 0, 0));
	}

	@Test
	void theCheckCountsOverlapsMisplacedAndMissizedBlocks() {
		List<Cidr> blocks = new ArrayList<>(InMemoryBenchmark.tfmesh(workload));
		blocks.set(1, blocks.get(0));
		blocks.set(2, Workload.ADMIN_RESERVATION);

		Allocations broken = Allocations.check(workload, blocks);

		// the pod block again, as the service block: a copy, outside the service pool, too large;
		// the reservation as the fabric block: inside the fabric pool, but taken and too large
		assertThat(broken).isEqualTo(new Allocations(6_000, 2, 1, 2));
		assertThat(broken.correct(workload)).isFalse();
	}

}
