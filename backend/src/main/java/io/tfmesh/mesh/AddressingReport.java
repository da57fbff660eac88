package io.tfmesh.mesh;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.tfmesh.mesh.MeshAddressing.AllocationUsage;
import io.tfmesh.mesh.MeshAddressing.PoolUsage;
import io.tfmesh.mesh.MeshAddressing.Segment;
import io.tfmesh.mesh.planner.AddressSpace;
import io.tfmesh.net.Cidr;
import io.tfmesh.observe.ObservationService;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Builds the capacity figures and the pool drawings of a mesh. */
@Component
class AddressingReport {

	/** More stretches than this in one pool are drawn as runs of several holders' blocks. */
	static final int MAX_PIECES = 64;

	private final MeshService meshes;

	private final AllocationStore allocations;

	private final ObservationService observations;

	private final ConflictFinder conflicts;

	private final MeshStore meshStore;

	/** The pools of recently shown meshes, drawn again only when their blocks or claims change. */
	private final Map<Long, Drawn> drawn = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, Drawn> eldest) {
			return size() > 32;
		}

	});

	private record Drawn(String inputs, List<PoolUsage> pools) {
	}

	AddressingReport(MeshService meshes, AllocationStore allocations, ObservationService observations,
			ConflictFinder conflicts, MeshStore meshStore) {
		this.meshes = meshes;
		this.allocations = allocations;
		this.observations = observations;
		this.conflicts = conflicts;
		this.meshStore = meshStore;
	}

	@Transactional(readOnly = true)
	MeshAddressing report(long meshId, PageQuery page) {
		meshes.header(meshId);
		// the mesh's version covers its pools
		String inputs = meshStore.conflictInputs(meshId) + "|" + allocations.changes(meshId);
		Drawn cached = drawn.get(meshId);
		List<PoolUsage> pools;
		if (cached != null && cached.inputs().equals(inputs)) {
			pools = cached.pools();
		}
		else {
			pools = pools(meshId);
			drawn.put(meshId, new Drawn(inputs, pools));
		}
		PageView<AllocationView> shown = allocations.page(meshId, page);
		List<Long> holders = shown.items().stream().map(AllocationView::clusterId).filter(Objects::nonNull).distinct().toList();
		Map<Long, ObservedState> observed = observations.latest(holders);
		List<AllocationUsage> usage = new ArrayList<>();
		for (AllocationView block : shown.items()) {
			BigInteger size = Cidr.parse(block.cidr()).size();
			Long used = block.clusterId() == null ? null : used(observed.get(block.clusterId()), block.kind());
			usage.add(new AllocationUsage(block, size, used, used == null ? null : size.subtract(BigInteger.valueOf(used))));
		}
		return new MeshAddressing(meshId, pools, usage, shown.page(), shown.size(), shown.totalItems(), shown.totalPages());
	}

	/** Each pool with its free space and its drawing, from every block of the mesh. */
	private List<PoolUsage> pools(long meshId) {
		MeshView mesh = meshes.header(meshId);
		List<AllocationView> blocks = allocations.list(meshId);
		AddressSpace space = AddressSpace.of(blocks.stream().map(block -> Cidr.parse(block.cidr())).toList());
		ClaimIndex claims = conflicts.claims(meshId);
		List<PoolUsage> pools = new ArrayList<>();
		for (MeshView.PoolView pool : mesh.pools()) {
			Cidr supernet = Cidr.parse(pool.cidr());
			List<Segment> segments = new ArrayList<>();
			for (AllocationView block : blocks) {
				Cidr cidr = Cidr.parse(block.cidr());
				if (cidr.overlaps(supernet)) {
					// a block collides when another cluster really uses addresses inside it
					segments.add(segment(supernet, cidr, block.kind(), block.owner(), block.clusterId(),
							claims.collidingWith(cidr, block.clusterName())));
				}
			}
			for (Cidr free : space.freeBlocks(supernet)) {
				segments.add(segment(supernet, free, null, "free", null, List.of()));
			}
			segments.sort(Comparator.comparingDouble(Segment::offset));
			pools.add(new PoolUsage(pool.kind(), pool.cidr(), pool.defaultPrefixLength(), supernet.size(),
					space.freeAddresses(supernet), space.largestFree(supernet).map(Cidr::toString).orElse(null),
					Stretches.of(segments, MAX_PIECES)));
		}
		return List.copyOf(pools);
	}

	private static @Nullable Long used(@Nullable ObservedState observed, Kind kind) {
		if (observed == null || observed.counts() == null) {
			return null;
		}
		return switch (kind) {
			case POD -> observed.counts().pods();
			case SERVICE -> observed.counts().services();
			default -> null;
		};
	}

	private static Segment segment(Cidr pool, Cidr cidr, @Nullable Kind kind, String owner, @Nullable Long clusterId,
			List<String> collidingWith) {
		BigDecimal poolSize = new BigDecimal(pool.size());
		BigDecimal start = new BigDecimal(start(cidr).subtract(start(pool)).max(BigInteger.ZERO));
		BigDecimal end = new BigDecimal(start(cidr).add(cidr.size()).min(start(pool).add(pool.size())).subtract(start(pool)));
		double offset = start.multiply(BigDecimal.valueOf(100)).divide(poolSize, MathContext.DECIMAL64).doubleValue();
		double width = end.subtract(start).multiply(BigDecimal.valueOf(100)).divide(poolSize, MathContext.DECIMAL64).doubleValue();
		return new Segment(cidr.toString(), cidr.toString(), kind, owner, clusterId, offset, width,
				!collidingWith.isEmpty(), collidingWith, 1);
	}

	private static BigInteger start(Cidr cidr) {
		return new BigInteger(1, cidr.network().getAddress());
	}

}
