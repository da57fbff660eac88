package io.tfmesh.mesh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import io.tfmesh.audit.AuditAction;
import io.tfmesh.audit.AuditLog;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.mesh.AllocationResult.AsnDecision;
import io.tfmesh.mesh.AllocationResult.ClusterAllocation;
import io.tfmesh.mesh.AllocationResult.Decision;
import io.tfmesh.mesh.MeshView.MemberView;
import io.tfmesh.mesh.MeshView.PoolView;
import io.tfmesh.mesh.planner.AddressSpace;
import io.tfmesh.mesh.planner.AsnAllocator;
import io.tfmesh.mesh.planner.PrefixSizing;
import io.tfmesh.net.Cidr;
import io.tfmesh.observe.ObservationService;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.system.error.ConflictException;
import io.tfmesh.system.error.FieldProblem;
import io.tfmesh.system.error.InvalidInputException;
import io.tfmesh.system.error.NotFoundException;
import io.tfmesh.system.retry.Retrying;
import io.tfmesh.system.web.RequestValidator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands members of a mesh their pod, service and fabric CIDRs and their ASNs. The planner
 * proposes blocks from the mesh's address space as read in the transaction; PostgreSQL's
 * exclusion constraint decides. A transaction that loses a race to another writer is retried
 * with a fresh view, after a short wait with jitter ({@link #BACKOFF}), so callers never see
 * the race.
 */
@Service
public class AllocationService {

	/** Enough for any realistic contention; each retry sees what the winners wrote. */
	static final int ATTEMPTS = 20;

	/**
	 * Waits between attempts: 10 ms, doubling, at most 200 ms, spread by jitter so that the
	 * writers that lost together do not collide again at once. Twenty losses in a row wait
	 * at most about 3 s in all; the waits hold no transaction.
	 */
	static final Retrying.Backoff BACKOFF = new Retrying.Backoff(ATTEMPTS - 1, Duration.ofMillis(10), 2.0,
			Duration.ofMillis(5), Duration.ofMillis(200));

	/** exclusion violation, unique violation, deadlock */
	private static final Set<String> RACES = Set.of("23P01", "23505", "40P01");

	private final MeshService meshes;

	private final MeshStore meshStore;

	private final AllocationStore allocations;

	private final ClusterService clusters;

	private final ObservationService observations;

	private final RequestValidator validator;

	private final TransactionTemplate transaction;

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final AuditLog audit;

	private final Clock clock;

	private final Retrying races;

	private final AddressSpaces spaces;

	@Autowired
	AllocationService(MeshService meshes, MeshStore meshStore, AllocationStore allocations, ClusterService clusters,
			ObservationService observations, RequestValidator validator, TransactionTemplate transaction,
			JdbcTemplate jdbc, JsonMapper json, AuditLog audit, Clock clock) {
		this(meshes, meshStore, allocations, clusters, observations, validator, transaction, jdbc, json, audit, clock,
				Retrying.Sleeper.THREAD);
	}

	/** @param sleeper waits between attempts; tests pass one that only records the waits */
	AllocationService(MeshService meshes, MeshStore meshStore, AllocationStore allocations, ClusterService clusters,
			ObservationService observations, RequestValidator validator, TransactionTemplate transaction,
			JdbcTemplate jdbc, JsonMapper json, AuditLog audit, Clock clock, Retrying.Sleeper sleeper) {
		this.meshes = meshes;
		this.meshStore = meshStore;
		this.allocations = allocations;
		this.clusters = clusters;
		this.observations = observations;
		this.validator = validator;
		this.transaction = transaction;
		this.jdbc = jdbc;
		this.json = json;
		this.audit = audit;
		this.clock = clock;
		this.races = new Retrying(BACKOFF, AllocationService::isRace, sleeper);
		this.spaces = new AddressSpaces(allocations);
	}

	/**
	 * @param idempotencyKey when given, a repeated request with the same key gets the first
	 * answer again instead of being carried out twice
	 */
	public AllocationResult allocate(long meshId, AllocationRequest request, @Nullable String idempotencyKey) {
		validator.requireBody(request);
		validator.check(request);
		String requestHash = hash(request);
		// each attempt is a transaction of its own: a lost race rolls back everything it wrote
		return races.call("allocation in mesh " + meshId,
				() -> transaction.execute(status -> allocateOnce(meshId, request, idempotencyKey, requestHash)));
	}

	private AllocationResult allocateOnce(long meshId, AllocationRequest request, @Nullable String key,
			String requestHash) {
		if (key != null) {
			Optional<AllocationResult> earlier = earlierAnswer(meshId, key, requestHash);
			if (earlier.isPresent()) {
				return earlier.get();
			}
		}
		meshStore.acquire(meshId);
		MeshStore.Allocating start = allocating(meshId);
		if (start.underlaysChanged()) {
			meshes.syncUnderlays(meshId);
			start = allocating(meshId);
		}
		MeshView mesh = start.mesh();
		List<MemberView> members = members(mesh, meshStore.members(meshId, request.clusterIds()), request);
		List<Cidr> pools = request.kinds().stream().map(kind -> Cidr.parse(mesh.pool(kind).cidr())).toList();
		AddressSpaces.Lease space = spaces.lease(meshId, pools, start.blockChanges());
		Set<Long> usedAsns = request.asn() ? new HashSet<>(meshStore.usedAsns(meshId)) : new HashSet<>();
		List<Long> clusterIds = members.stream().map(MemberView::clusterId).toList();
		Map<Long, ObservedState> observed = observations.latest(clusterIds);
		Map<Long, Map<Kind, Held>> held = new HashMap<>();
		for (AllocationView block : allocations.ofClusters(meshId, clusterIds)) {
			held.computeIfAbsent(block.clusterId(), id -> new EnumMap<>(Kind.class))
				.put(block.kind(), new Held(block.id(), block.cidr()));
		}
		List<ClusterAllocation> results = new ArrayList<>();
		for (MemberView member : members) {
			ObservedState state = observed.get(member.clusterId());
			Map<Kind, Held> ofMember = held.computeIfAbsent(member.clusterId(), id -> new EnumMap<>(Kind.class));
			List<Decision> decisions = new ArrayList<>();
			for (Kind kind : request.kinds()) {
				decisions.add(allocate(mesh, member, kind, state, request, space, ofMember));
			}
			AsnDecision asn = request.asn() ? asn(mesh, member, state, usedAsns) : null;
			results.add(new ClusterAllocation(member.clusterId(), member.clusterName(), decisions, asn));
		}
		AllocationResult result = new AllocationResult(meshId, results);
		if (key != null) {
			jdbc.update("""
					INSERT INTO allocation_request (mesh_id, idempotency_key, request_hash, response, created_at)
					VALUES (?, ?, ?, ?::jsonb, ?)""", meshId, key, requestHash, json.writeValueAsString(result),
					java.sql.Timestamp.from(clock.instant()));
		}
		return result;
	}

	private MeshStore.Allocating allocating(long meshId) {
		return meshStore.allocating(meshId).orElseThrow(() -> new NotFoundException(MeshService.KIND, meshId));
	}

	/**
	 * @param held the member's blocks by kind, read before and taken here, so that a kind asked
	 * twice is allocated once
	 */
	private Decision allocate(MeshView mesh, MemberView member, Kind kind, @Nullable ObservedState observed,
			AllocationRequest request, AddressSpaces.Lease lease, Map<Kind, Held> held) {
		AddressSpace space = lease.space();
		Held existing = held.get(kind);
		if (existing != null) {
			return new Decision(kind, existing.cidr(), "existing", "allocated earlier", existing.id());
		}
		Decision decision = plan(mesh, member, kind, observed, request, lease);
		held.put(kind, new Held(decision.allocationId(), decision.cidr()));
		return decision;
	}

	private Decision plan(MeshView mesh, MemberView member, Kind kind, @Nullable ObservedState observed,
			AllocationRequest request, AddressSpaces.Lease lease) {
		AddressSpace space = lease.space();
		PoolView pool = mesh.pool(kind);
		Cidr supernet = Cidr.parse(pool.cidr());
		CurrentCidrs.Decision current = CurrentCidrs.decide(observed, kind, supernet, space);
		if (current.keeps()) {
			return take(mesh, member, kind, current.kept(), lease, "kept", current.reason());
		}
		int length = prefixLength(kind, pool, supernet, request);
		Cidr block = space.lowestFree(supernet, length)
			.orElseThrow(() -> new PoolExhaustedException(mesh.name(), kind, pool.cidr(), length,
					space.largestFree(supernet).map(Cidr::toString).orElse(null)));
		String reason = current.reason();
		return take(mesh, member, kind, block, lease, "allocated", "lowest free /" + length + "; " + reason);
	}

	private Decision take(MeshView mesh, MemberView member, Kind kind, Cidr cidr, AddressSpaces.Lease lease,
			String decision, String reason) {
		AllocationStore.MemberBlock block = allocations.memberBlock(mesh.id(), kind, member.clusterId(), cidr,
				clock.instant(), AuditLog.currentActor());
		// the block and its audit entry in one round trip
		long id = audit.recordCreated(block.sql(), block.arguments(), "allocation",
				member.clusterName() + " " + kind.id() + " " + cidr, Map.of("mesh", mesh.name(), "cluster",
						member.clusterName(), "kind", kind.id(), "cidr", cidr.toString(), "decision", decision));
		lease.space().take(cidr);
		lease.inserted();
		return new Decision(kind, cidr.toString(), decision, reason, id);
	}

	/** A block a member holds. */
	private record Held(long id, String cidr) {
	}

	private AsnDecision asn(MeshView mesh, MemberView member, @Nullable ObservedState observed, Set<Long> used) {
		if (member.asn() != null) {
			return new AsnDecision(member.asn(), "existing", "given earlier");
		}
		long current = observed != null && observed.tungstenFabric() != null
				&& observed.tungstenFabric().autonomousSystem() != null ? observed.tungstenFabric().autonomousSystem()
						: clusters.get(member.clusterId()).bgpAsn();
		Set<Long> others = new HashSet<>(used);
		AsnDecision decision;
		if (AsnAllocator.keeps(current, mesh.asnMin(), mesh.asnMax(), others)) {
			decision = new AsnDecision(current, "kept", "the cluster already uses " + current + ", unique in the mesh");
		}
		else {
			OptionalLong free = AsnAllocator.lowestFree(mesh.asnMin(), mesh.asnMax(), others);
			if (free.isEmpty()) {
				throw new ConflictException("asn", "Every ASN of mesh " + mesh.name() + "'s range " + mesh.asnMin() + "–"
						+ mesh.asnMax() + " is taken; widen the range");
			}
			decision = new AsnDecision(free.getAsLong(), "allocated", current + " is "
					+ (current < mesh.asnMin() || current > mesh.asnMax() ? "outside the mesh's range" : "used by another member"));
		}
		meshStore.setAsn(mesh.id(), member.clusterId(), decision.asn());
		used.add(decision.asn());
		return decision;
	}

	private static int prefixLength(Kind kind, PoolView pool, Cidr supernet, AllocationRequest request) {
		Integer asked = request.prefixLengths().get(kind);
		int bits = supernet.isIpv4() ? 32 : 128;
		if (asked != null) {
			if (asked < supernet.prefixLength() || asked > bits) {
				throw new InvalidInputException("prefixLengths." + kind.id(),
						"must be between " + supernet.prefixLength() + " (the pool " + pool.cidr() + ") and " + bits);
			}
			return asked;
		}
		Long expected = request.expected().get(kind);
		if (expected != null) {
			int sized;
			try {
				sized = PrefixSizing.prefixFor(expected, request.headroom(), supernet.isIpv4());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("expected." + kind.id(), ex.getMessage());
			}
			if (sized < supernet.prefixLength()) {
				throw new InvalidInputException("expected." + kind.id(), expected + " addresses with "
						+ Math.round(request.headroom() * 100) + "% headroom need a /" + sized
						+ ", larger than the pool " + pool.cidr());
			}
			return sized;
		}
		return pool.defaultPrefixLength();
	}

	/** The requested members, all of them when none were named; a named cluster must be a member. */
	private static List<MemberView> members(MeshView mesh, List<MemberView> found, AllocationRequest request) {
		if (request.clusterIds().isEmpty()) {
			return found;
		}
		List<FieldProblem> problems = new ArrayList<>();
		List<MemberView> members = new ArrayList<>();
		for (int i = 0; i < request.clusterIds().size(); i++) {
			Long clusterId = request.clusterIds().get(i);
			Optional<MemberView> member = found.stream().filter(m -> m.clusterId() == clusterId).findFirst();
			if (member.isEmpty()) {
				problems.add(new FieldProblem("clusterIds[" + i + "]",
						"cluster " + clusterId + " is not a member of mesh " + mesh.name()));
			}
			else if (!members.contains(member.get())) {
				members.add(member.get());
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return members.stream().sorted(java.util.Comparator.comparing(MemberView::clusterName)).toList();
	}

	/** Why a block cannot be set aside: the blocks of the mesh it overlaps, as people write them. */
	static String overlap(Cidr cidr, List<Cidr> overlapping, String meshName) {
		return cidr + " overlaps " + String.join(", ", overlapping.stream().map(Cidr::toString).toList()) + " of mesh "
				+ meshName;
	}

	/** Gives back every block a member holds; its ASN stays with its membership. */
	@Transactional
	public List<AllocationView> release(long meshId, long clusterId) {
		MeshView mesh = meshes.get(meshId);
		meshStore.lock(meshId);
		MemberView member = mesh.members()
			.stream()
			.filter(candidate -> candidate.clusterId() == clusterId)
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("clusterId",
					"cluster " + clusterId + " is not a member of mesh " + mesh.name()));
		List<AllocationView> held = allocations.ofClusterAll(meshId, clusterId);
		for (AllocationView allocation : held) {
			allocations.delete(allocation.id());
			audit.record(AuditAction.DELETE, "allocation", allocation.id(),
					member.clusterName() + " " + allocation.kind().id() + " " + allocation.cidr(), allocation, null);
		}
		return held;
	}

	/** Gives back one block: a member's, or a reservation (admins only). Underlays follow their clouds. */
	@Transactional
	@PreAuthorize(AllocationAccess.RELEASE)
	public void releaseOne(long meshId, long allocationId) {
		meshes.get(meshId);
		meshStore.lock(meshId);
		AllocationView allocation = allocations.find(meshId, allocationId)
			.orElseThrow(() -> new NotFoundException("allocation", allocationId));
		if (allocation.kind() == Kind.UNDERLAY) {
			throw new ConflictException("An underlay is reserved while its cloud has members in the mesh; it goes when they leave");
		}
		allocations.delete(allocationId);
		audit.record(AuditAction.DELETE, "allocation", allocationId, allocation.owner() + " " + allocation.cidr(),
				allocation, null);
	}

	/** Sets a block aside so that the planner never hands it out (admins only). */
	@Transactional
	@PreAuthorize("hasRole('ADMIN')")
	public AllocationView reserve(long meshId, ReservationRequest request) {
		validator.requireBody(request);
		validator.check(request);
		MeshView mesh = meshes.get(meshId);
		meshStore.lock(meshId);
		Cidr cidr = Cidr.parse(request.cidr());
		List<Cidr> overlapping = AddressSpace.of(allocations.taken(meshId)).overlapping(cidr);
		if (!overlapping.isEmpty()) {
			throw new ConflictException("cidr", overlap(cidr, overlapping, mesh.name()));
		}
		long id = allocations.insert(meshId, Kind.RESERVED, null, null, cidr, request.note(), clock.instant(),
				AuditLog.currentActor());
		AllocationView reserved = allocations.find(meshId, id).orElseThrow();
		audit.record(AuditAction.CREATE, "allocation", id, "reserved " + cidr, null, reserved);
		return reserved;
	}

	private Optional<AllocationResult> earlierAnswer(long meshId, String key, String requestHash) {
		List<Map<String, Object>> rows = jdbc.queryForList("""
				SELECT request_hash, response::text AS response FROM allocation_request
				WHERE mesh_id = ? AND idempotency_key = ?""", meshId, key);
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		if (!requestHash.equals(rows.get(0).get("request_hash"))) {
			throw new ConflictException("Idempotency-Key",
					"This Idempotency-Key was used for a different request; use a new key for a new request");
		}
		return Optional.of(json.readValue((String) rows.get(0).get("response"), AllocationResult.class));
	}

	private String hash(AllocationRequest request) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(json.writer()
						.with(tools.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
						.writeValueAsString(request)
						.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Another writer took the block (exclusion) or the same cluster's kind or key (unique) first,
	 * or two writers waited for each other's overlapping rows (deadlock).
	 */
	static boolean isRace(Throwable ex) {
		if (!(ex instanceof DataIntegrityViolationException || ex instanceof PessimisticLockingFailureException)) {
			return false;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && RACES.contains(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

}
