package io.tfmesh.mesh;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfmesh.system.web.ListSort;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import io.tfmesh.system.web.Versions;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/meshes")
@Tag(name = "Meshes", description = "Routing domains: pools, ASN range and member clusters")
class MeshApiController {

	private final MeshService meshes;

	MeshApiController(MeshService meshes) {
		this.meshes = meshes;
	}

	@GetMapping
	PageView<MeshSummary> list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) @Nullable String sort) {
		return meshes.list(q, PageQuery.of(page, size), ListSort.of(sort, MeshService.SORT_COLUMNS));
	}

	@GetMapping("/{id}")
	@Operation(summary = "A mesh's settings and pools with how many members and blocks it holds",
			description = "The members are listed page by page under /members, the blocks under /allocations.")
	ResponseEntity<MeshSummary> get(@PathVariable long id) {
		MeshSummary mesh = meshes.summary(id);
		return ResponseEntity.ok().eTag(Versions.etag(mesh.version())).body(mesh);
	}

	@GetMapping("/{id}/members")
	@Operation(summary = "The members of a mesh, by cluster name, a page at a time",
			description = "q matches the names of clusters and clouds.")
	PageView<MeshView.MemberView> members(@PathVariable long id, @RequestParam(defaultValue = "") String q,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return meshes.members(id, q, PageQuery.of(page, size));
	}

	@PostMapping("/{id}/members")
	@Operation(summary = "Add one cluster to a mesh",
			description = "201 when it joins, 200 when it already was a member; its cloud's underlays are reserved. "
					+ "A cluster in another mesh, or whose cloud's underlay overlaps a pool, is refused with 409.")
	ResponseEntity<MeshView.MemberView> addMember(@PathVariable long id, @RequestBody MemberRequest request) {
		MeshService.Joined joined = meshes.addMember(id, request == null ? null : request.clusterId());
		if (!joined.created()) {
			return ResponseEntity.ok(joined.member());
		}
		return ResponseEntity.created(URI.create("/api/v1/meshes/" + id + "/members/" + joined.member().clusterId()))
			.body(joined.member());
	}

	@DeleteMapping("/{id}/members/{clusterId}")
	@Operation(summary = "Take one cluster out of a mesh",
			description = "A member that still holds blocks is refused with 409; release them first.")
	ResponseEntity<Void> removeMember(@PathVariable long id, @PathVariable long clusterId) {
		meshes.removeMember(id, clusterId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping
	@Operation(summary = "Create a mesh",
			description = "Without pools, pods come from 100.64.0.0/10 (/16 each), services from 10.96.0.0/11 and "
					+ "ip-fabric from 10.64.0.0/11 (/20 each); without a range, ASNs from 64512–65534. Member clouds' "
					+ "underlays are reserved; a pool that overlaps one is refused.")
	ResponseEntity<MeshSummary> create(@RequestBody MeshRequest request) {
		MeshSummary mesh = meshes.summary(meshes.create(request).id());
		return ResponseEntity.created(URI.create("/api/v1/meshes/" + mesh.id()))
			.eTag(Versions.etag(mesh.version()))
			.body(mesh);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a mesh",
			description = "A member that still holds allocations cannot leave; a pool cannot shrink away from its blocks. "
					+ "Without clusterIds the members stay as they are.")
	ResponseEntity<MeshSummary> update(@PathVariable long id, @RequestBody MeshRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		meshes.update(id, request, Versions.expected(ifMatch, request == null ? null : request.version()));
		MeshSummary mesh = meshes.summary(id);
		return ResponseEntity.ok().eTag(Versions.etag(mesh.version())).body(mesh);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a mesh and all its allocations")
	ResponseEntity<Void> delete(@PathVariable long id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		meshes.delete(id, Versions.parse(ifMatch));
		return ResponseEntity.noContent().build();
	}

}
