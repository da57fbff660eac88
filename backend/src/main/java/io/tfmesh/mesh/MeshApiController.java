package io.tfmesh.mesh;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
	PageView<MeshView> list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return meshes.list(q, PageQuery.of(page, size));
	}

	@GetMapping("/{id}")
	ResponseEntity<MeshView> get(@PathVariable long id) {
		MeshView mesh = meshes.get(id);
		return ResponseEntity.ok().eTag(Versions.etag(mesh.version())).body(mesh);
	}

	@PostMapping
	@Operation(summary = "Create a mesh",
			description = "Without pools, pods come from 100.64.0.0/10 (/16 each), services from 10.96.0.0/11 and "
					+ "ip-fabric from 10.64.0.0/11 (/20 each); without a range, ASNs from 64512–65534. Member clouds' "
					+ "underlays are reserved; a pool that overlaps one is refused.")
	ResponseEntity<MeshView> create(@RequestBody MeshRequest request) {
		MeshView mesh = meshes.create(request);
		return ResponseEntity.created(URI.create("/api/v1/meshes/" + mesh.id()))
			.eTag(Versions.etag(mesh.version()))
			.body(mesh);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a mesh",
			description = "A member that still holds allocations cannot leave; a pool cannot shrink away from its blocks.")
	ResponseEntity<MeshView> update(@PathVariable long id, @RequestBody MeshRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		MeshView mesh = meshes.update(id, request, Versions.expected(ifMatch, request == null ? null : request.version()));
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
