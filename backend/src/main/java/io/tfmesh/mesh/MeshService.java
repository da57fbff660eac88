package io.tfmesh.mesh;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.tfmesh.audit.AuditAction;
import io.tfmesh.audit.AuditLog;
import io.tfmesh.inventory.CloudService;
import io.tfmesh.inventory.CloudView;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.inventory.ClusterView;
import io.tfmesh.net.Cidr;
import io.tfmesh.net.InvalidCidrException;
import io.tfmesh.system.error.ConflictException;
import io.tfmesh.system.error.FieldProblem;
import io.tfmesh.system.error.InvalidInputException;
import io.tfmesh.system.error.NotFoundException;
import io.tfmesh.system.error.StaleVersionException;
import io.tfmesh.system.web.ListSort;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import io.tfmesh.system.web.RequestValidator;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Meshes: their pools, ASN range and members, and the underlays their member clouds reserve. */
@Service
public class MeshService {

	/** The columns the mesh list sorts by, name first, each an SQL expression over the mesh table. */
	public static final Map<String, String> SORT_COLUMNS = ListSort.columns("name", "name", "members",
			"(SELECT count(*) FROM mesh_member mm WHERE mm.mesh_id = mesh.id)", "asns", "asn_min");

	static final String KIND = "mesh";

	private final MeshStore meshes;

	private final AllocationStore allocations;

	private final ClusterService clusters;

	private final CloudService clouds;

	private final RequestValidator validator;

	private final AuditLog audit;

	private final Clock clock;

	MeshService(MeshStore meshes, AllocationStore allocations, ClusterService clusters, CloudService clouds,
			RequestValidator validator, AuditLog audit, Clock clock) {
		this.meshes = meshes;
		this.allocations = allocations;
		this.clusters = clusters;
		this.clouds = clouds;
		this.validator = validator;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public PageView<MeshSummary> list(String q, PageQuery page) {
		return list(q, page, ListSort.orDefault(null, SORT_COLUMNS));
	}

	@Transactional(readOnly = true)
	public PageView<MeshSummary> list(String q, PageQuery page, ListSort sort) {
		return meshes.list(q, page, sort);
	}

	/** Clusters that can join this mesh (or a new one, for null): in no other mesh. */
	@Transactional(readOnly = true)
	public List<MeshStore.Candidate> candidates(@Nullable Long meshId, int limit) {
		return meshes.candidates(meshId, limit);
	}

	@Transactional(readOnly = true)
	public MeshView get(long id) {
		return meshes.find(id).orElseThrow(() -> new NotFoundException(KIND, id));
	}

	/** The mesh the cluster is a member of, with its members, if it is in one. */
	@Transactional(readOnly = true)
	public Optional<MeshView> meshOf(long clusterId) {
		return meshes.meshOfCluster(clusterId).flatMap(meshes::idByName).flatMap(meshes::find);
	}

	/** The mesh's settings with how many members and blocks it holds. */
	@Transactional(readOnly = true)
	public MeshSummary summary(long id) {
		return meshes.summary(id).orElseThrow(() -> new NotFoundException(KIND, id));
	}

	/** The mesh's settings and pools without its members. */
	@Transactional(readOnly = true)
	MeshView header(long id) {
		return meshes.header(id).orElseThrow(() -> new NotFoundException(KIND, id));
	}

	@Transactional(readOnly = true)
	public PageView<MeshView.MemberView> members(long meshId, String q, PageQuery page) {
		header(meshId);
		return meshes.members(meshId, q, page);
	}

	/**
	 * Adds one cluster to the mesh; a cluster already in it stays as it is. Its cloud's underlays
	 * are reserved as when the mesh is replaced.
	 *
	 * @return the member, and whether it joined now
	 */
	@Transactional
	public Joined addMember(long meshId, @Nullable Long clusterId) {
		if (clusterId == null) {
			throw new InvalidInputException("clusterId", "must not be null");
		}
		MeshView mesh = header(meshId);
		meshes.lock(meshId);
		Optional<MeshView.MemberView> existing = meshes.member(meshId, clusterId);
		if (existing.isPresent()) {
			return new Joined(existing.get(), false);
		}
		ClusterView cluster = clusters.findById(clusterId)
			.orElseThrow(() -> new InvalidInputException("clusterId", "no cluster has id " + clusterId));
		for (String underlay : clouds.get(cluster.cloudId()).underlayCidrs()) {
			for (MeshView.PoolView pool : mesh.pools()) {
				if (Cidr.parse(pool.cidr()).overlaps(Cidr.parse(underlay))) {
					throw new ConflictException("clusterId", "The underlay " + underlay + " of cloud " + cluster.cloudName()
							+ " overlaps the " + pool.kind().id() + " pool " + pool.cidr() + " of mesh " + mesh.name()
							+ "; change the pool or the cloud's underlay first");
				}
			}
		}
		long before = meshes.memberCount(meshId);
		join(meshId, clusterId);
		if (meshes.underlaysChanged(meshId)) {
			syncUnderlays(meshId);
		}
		meshes.touch(meshId, clock.instant());
		MeshView.MemberView member = meshes.member(meshId, clusterId).orElseThrow();
		audit.record(AuditAction.UPDATE, KIND, meshId, mesh.name(), Map.of("members", before),
				Map.of("members", before + 1, "joined", member));
		return new Joined(member, true);
	}

	/** @param created whether the cluster joined with this request, not before it */
	public record Joined(MeshView.MemberView member, boolean created) {
	}

	/** Takes one cluster out of the mesh; it must have released its blocks first. */
	@Transactional
	public void removeMember(long meshId, long clusterId) {
		MeshView mesh = header(meshId);
		meshes.lock(meshId);
		MeshView.MemberView member = meshes.member(meshId, clusterId)
			.orElseThrow(() -> new NotFoundException("member", clusterId));
		long before = meshes.memberCount(meshId);
		leave(meshId, member);
		if (meshes.underlaysChanged(meshId)) {
			syncUnderlays(meshId);
		}
		meshes.touch(meshId, clock.instant());
		audit.record(AuditAction.UPDATE, KIND, meshId, mesh.name(), Map.of("members", before, "left", member),
				Map.of("members", before - 1));
	}

	/** The blocks these members hold. */
	@Transactional(readOnly = true)
	public List<AllocationView> allocationsOf(long meshId, List<Long> clusterIds) {
		return allocations.ofClusters(meshId, clusterIds);
	}

	/** The mesh's blocks: what the planner gave each member, and the underlays and reservations. */
	@Transactional(readOnly = true)
	public List<AllocationView> allocations(long meshId) {
		get(meshId);
		return allocations.list(meshId);
	}

	@Transactional
	public MeshView create(MeshRequest request) {
		check(request, null);
		if (meshes.idByName(request.name()).isPresent()) {
			throw ConflictException.duplicateName(KIND, request.name());
		}
		long id = meshes.insert(request, clock.instant());
		meshes.replacePools(id, request.pools());
		for (long clusterId : request.members()) {
			join(id, clusterId);
		}
		syncUnderlays(id);
		MeshView view = get(id);
		audit.record(AuditAction.CREATE, KIND, id, view.name(), null, view);
		return view;
	}

	@Transactional
	public MeshView update(long id, MeshRequest request, long expectedVersion) {
		MeshView before = get(id);
		meshes.lock(id);
		if (before.version() != expectedVersion) {
			throw new StaleVersionException(KIND, id, expectedVersion, before.version());
		}
		check(request, id);
		meshes.idByName(request.name()).filter(other -> other != id).ifPresent(other -> {
			throw ConflictException.duplicateName(KIND, request.name());
		});
		// without clusterIds the members stay as they are; they are managed one by one
		Set<Long> wanted = new LinkedHashSet<>(request.clusterIds() == null ? before.clusterIds() : request.clusterIds());
		for (MeshView.MemberView member : before.members()) {
			if (!wanted.contains(member.clusterId())) {
				leave(id, member);
			}
		}
		for (long clusterId : wanted) {
			if (!before.clusterIds().contains(clusterId)) {
				join(id, clusterId);
			}
		}
		keepAllocationsInsidePools(id, request);
		keepAsnsInsideRange(id, before, request);
		meshes.replacePools(id, request.pools());
		if (!meshes.update(id, request, expectedVersion, clock.instant())) {
			throw new StaleVersionException(KIND, id, expectedVersion, get(id).version());
		}
		syncUnderlays(id);
		MeshView after = get(id);
		audit.record(AuditAction.UPDATE, KIND, id, after.name(), before, after);
		return after;
	}

	@Transactional
	public void delete(long id, @Nullable Long expectedVersion) {
		MeshView before = get(id);
		if (expectedVersion != null && before.version() != expectedVersion) {
			throw new StaleVersionException(KIND, id, expectedVersion, before.version());
		}
		meshes.delete(id);
		audit.record(AuditAction.DELETE, KIND, id, before.name(), before, null);
	}

	/**
	 * Reserves the underlays of the member clouds as they are now, and drops those of clouds
	 * that left the mesh or changed their underlays.
	 */
	void syncUnderlays(long meshId) {
		MeshView mesh = get(meshId);
		Set<Long> cloudIds = new LinkedHashSet<>();
		mesh.members().forEach(member -> cloudIds.add(member.cloudId()));
		for (AllocationView allocation : allocations.list(meshId)) {
			if (allocation.kind() == Kind.UNDERLAY && (!cloudIds.contains(allocation.cloudId())
					|| !clouds.get(allocation.cloudId()).underlayCidrs().contains(allocation.cidr()))) {
				allocations.delete(allocation.id());
			}
		}
		for (long cloudId : cloudIds) {
			CloudView cloud = clouds.get(cloudId);
			Set<String> reserved = new HashSet<>();
			allocations.underlays(meshId, cloudId).forEach(allocation -> reserved.add(allocation.cidr()));
			for (String underlay : cloud.underlayCidrs()) {
				if (!reserved.contains(underlay)) {
					reserveUnderlay(meshId, cloud, Cidr.parse(underlay));
				}
			}
		}
	}

	private void reserveUnderlay(long meshId, CloudView cloud, Cidr underlay) {
		List<AllocationView> overlapping = overlapping(meshId, underlay);
		if (!overlapping.isEmpty()) {
			AllocationView other = overlapping.get(0);
			throw new ConflictException("clusterIds", "The underlay " + underlay + " of cloud " + cloud.name()
					+ " overlaps the " + other.kind().id() + " block " + other.cidr() + " of " + other.owner()
					+ " in this mesh; release that block or change the cloud's underlay first");
		}
		try {
			allocations.insert(meshId, Kind.UNDERLAY, null, cloud.id(), underlay, "", clock.instant(),
					AuditLog.currentActor());
		}
		catch (DataIntegrityViolationException ex) {
			throw new ConflictException("clusterIds",
					"The underlay " + underlay + " of cloud " + cloud.name() + " was taken meanwhile; try again");
		}
	}

	private List<AllocationView> overlapping(long meshId, Cidr cidr) {
		Cidr checked = cidr;
		return allocations.list(meshId)
			.stream()
			.filter(allocation -> Cidr.parse(allocation.cidr()).overlaps(checked))
			.toList();
	}

	private void join(long meshId, long clusterId) {
		ClusterView cluster = clusters.get(clusterId);
		meshes.meshOfCluster(clusterId).ifPresent(other -> {
			throw new ConflictException("clusterIds",
					"Cluster " + cluster.name() + " is already a member of mesh '" + other + "'; a cluster is in one mesh at most");
		});
		meshes.addMember(meshId, clusterId, clock.instant());
	}

	private void leave(long meshId, MeshView.MemberView member) {
		List<AllocationView> held = allocations.ofClusterAll(meshId, member.clusterId());
		if (!held.isEmpty()) {
			throw new ConflictException("clusterIds", "Cluster " + member.clusterName() + " still holds "
					+ String.join(", ", held.stream().map(a -> a.kind().id() + " " + a.cidr()).toList())
					+ " in this mesh; release its allocations before it leaves");
		}
		meshes.removeMember(meshId, member.clusterId());
	}

	private void keepAllocationsInsidePools(long meshId, MeshRequest request) {
		for (MeshRequest.Pool pool : request.pools()) {
			Cidr supernet = Cidr.parse(pool.cidr());
			for (AllocationView allocation : allocations.list(meshId)) {
				if (allocation.kind() == pool.kind() && !supernet.contains(Cidr.parse(allocation.cidr()))) {
					throw new ConflictException("pools", "The " + pool.kind().id() + " block " + allocation.cidr() + " of "
							+ allocation.owner() + " would lie outside the new pool " + pool.cidr()
							+ "; release it first");
				}
			}
		}
	}

	private void keepAsnsInsideRange(long meshId, MeshView before, MeshRequest request) {
		for (MeshView.MemberView member : before.members()) {
			if (member.asn() != null && (member.asn() < request.asnMin() || member.asn() > request.asnMax())) {
				throw new ConflictException("asnMin", "Member " + member.clusterName() + " holds ASN " + member.asn()
						+ ", outside the new range " + request.asnMin() + "–" + request.asnMax());
			}
		}
	}

	/** Field constraints, then: one pool of each kind, disjoint pools, clear of member underlays, known clusters. */
	private void check(MeshRequest request, @Nullable Long meshId) {
		validator.requireBody(request);
		List<FieldProblem> problems = new ArrayList<>();
		List<Cidr> pools = new ArrayList<>();
		Set<Kind> kinds = new HashSet<>();
		for (int i = 0; i < request.pools().size(); i++) {
			MeshRequest.Pool pool = request.pools().get(i);
			if (pool == null || pool.kind() == null || pool.cidr() == null || pool.defaultPrefixLength() == null) {
				pools.add(null);
				continue;
			}
			if (!pool.kind().ofCluster()) {
				problems.add(new FieldProblem("pools[" + i + "].kind", "must be pod, service or fabric"));
			}
			else if (!kinds.add(pool.kind())) {
				problems.add(new FieldProblem("pools[" + i + "].kind", "a mesh has one " + pool.kind().id() + " pool"));
			}
			try {
				Cidr cidr = Cidr.parse(pool.cidr());
				int bits = cidr.isIpv4() ? 32 : 128;
				if (pool.defaultPrefixLength() < cidr.prefixLength() || pool.defaultPrefixLength() > bits) {
					problems.add(new FieldProblem("pools[" + i + "].defaultPrefixLength",
							"must be between " + cidr.prefixLength() + " (the pool itself) and " + bits));
				}
				pools.add(cidr);
			}
			catch (InvalidCidrException ex) {
				pools.add(null);
			}
		}
		for (Kind kind : Kind.CLUSTER_KINDS) {
			if (!kinds.contains(kind)) {
				problems.add(new FieldProblem("pools", "needs a " + kind.id() + " pool (one pool of each kind: pod, service, fabric)"));
			}
		}
		for (int i = 0; i < pools.size(); i++) {
			for (int j = 0; j < i; j++) {
				if (pools.get(i) != null && pools.get(j) != null && pools.get(i).overlaps(pools.get(j))) {
					problems.add(new FieldProblem("pools[" + i + "].cidr",
							pools.get(i) + " overlaps the " + request.pools().get(j).kind().id() + " pool " + pools.get(j)));
				}
			}
		}
		if (request.asnMin() != null && request.asnMax() != null && request.asnMin() > request.asnMax()) {
			problems.add(new FieldProblem("asnMax", "must not be below asnMin (" + request.asnMin() + ")"));
		}
		for (int i = 0; i < request.members().size(); i++) {
			Long clusterId = request.members().get(i);
			if (clusterId == null) {
				continue;
			}
			ClusterView cluster = clusters.findById(clusterId).orElse(null);
			if (cluster == null) {
				problems.add(new FieldProblem("clusterIds[" + i + "]", "no cluster has id " + clusterId));
				continue;
			}
			for (String underlay : clouds.get(cluster.cloudId()).underlayCidrs()) {
				for (int p = 0; p < pools.size(); p++) {
					if (pools.get(p) != null && pools.get(p).overlaps(Cidr.parse(underlay))) {
						problems.add(new FieldProblem("pools[" + p + "].cidr", pools.get(p) + " overlaps the underlay "
								+ underlay + " of cloud " + cluster.cloudName() + " (member " + cluster.name() + ")"));
					}
				}
			}
		}
		try {
			request.changeWindow();
		}
		catch (IllegalArgumentException ex) {
			problems.add(new FieldProblem("changeWindowDays", ex.getMessage()));
		}
		if (new LinkedHashSet<>(request.members()).size() != request.members().size()) {
			problems.add(new FieldProblem("clusterIds", "lists a cluster more than once"));
		}
		validator.check(request, problems.stream().distinct().toList());
	}

}
