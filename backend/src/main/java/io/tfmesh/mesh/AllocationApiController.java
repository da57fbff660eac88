package io.tfmesh.mesh;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfmesh.system.error.InvalidInputException;
import io.tfmesh.system.web.PageQuery;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/meshes/{id}")
@Tag(name = "Address planning", description = "Allocations, reservations and conflicts of a mesh")
class AllocationApiController {

	private final AllocationService allocations;

	private final AddressingReport report;

	private final ConflictFinder conflicts;

	private final MeshService meshes;

	AllocationApiController(AllocationService allocations, AddressingReport report, ConflictFinder conflicts,
			MeshService meshes) {
		this.allocations = allocations;
		this.report = report;
		this.conflicts = conflicts;
		this.meshes = meshes;
	}

	@GetMapping("/allocations")
	@Operation(summary = "The mesh's address space",
			description = "Each pool with its free space, largest free block and drawing (adjacent blocks of one holder "
					+ "joined, and a pool of many blocks drawn as runs); one page of the blocks, each with its size and, "
					+ "where the cluster was observed, its use and headroom.")
	MeshAddressing addressing(@PathVariable long id, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return report.report(id, PageQuery.of(page, size));
	}

	@PostMapping("/allocations")
	@Operation(summary = "Allocate CIDRs and ASNs to members",
			description = "A member keeps the CIDR it uses when every source agrees on it, it lies inside the pool and "
					+ "collides with nothing; otherwise it gets the lowest free block. With an Idempotency-Key header a "
					+ "retry returns the first answer. An exhausted pool answers 409 naming the largest free block.")
	AllocationResult allocate(@PathVariable long id, @RequestBody(required = false) @Nullable AllocationRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
		if (request != null && !request.kindProblems().isEmpty()) {
			throw new InvalidInputException(request.kindProblems());
		}
		return allocations.allocate(id, request == null ? AllocationRequest.everything() : request,
				idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip());
	}

	@DeleteMapping("/allocations")
	@Operation(summary = "Release every block a member holds")
	List<AllocationView> release(@PathVariable long id, @RequestParam long clusterId) {
		return allocations.release(id, clusterId);
	}

	@DeleteMapping("/allocations/{allocationId}")
	@Operation(summary = "Release one block (a reservation: admins only)")
	ResponseEntity<Void> releaseOne(@PathVariable long id, @PathVariable long allocationId) {
		allocations.releaseOne(id, allocationId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/reservations")
	@Operation(summary = "Reserve a block the planner must never hand out (admins only)")
	ResponseEntity<AllocationView> reserve(@PathVariable long id, @RequestBody ReservationRequest request) {
		return ResponseEntity.status(201).body(allocations.reserve(id, request));
	}

	@GetMapping("/conflicts")
	@Operation(summary = "What collides in the mesh as its clusters really are",
			description = "Overlaps between members' CIDRs (any kind against any kind) and with underlays or "
					+ "reservations, drift between kubeadm, kube-manager and the TF IPAMs inside a cluster, reused ASNs "
					+ "and TF cluster names; each with severity, clusters, sources and a one-line explanation. One "
					+ "conflict per shared block names every cluster that uses it. Paged; filtered by cluster (a "
					+ "member's name), type and severity; totals count every conflict of the mesh.")
	ConflictPage conflicts(@PathVariable long id, @RequestParam(required = false) @Nullable String cluster,
			@RequestParam(required = false) @Nullable String type, @RequestParam(required = false) @Nullable String severity,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		meshes.header(id);
		return conflicts.page(id, new ConflictFilter(cluster, type, severity), PageQuery.of(page, size));
	}

}
