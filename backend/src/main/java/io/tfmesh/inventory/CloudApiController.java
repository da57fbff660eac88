package io.tfmesh.inventory;

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
@RequestMapping("/api/v1/clouds")
@Tag(name = "Clouds", description = "Provider accounts and regions with their underlay networks")
class CloudApiController {

	private final CloudService clouds;

	CloudApiController(CloudService clouds) {
		this.clouds = clouds;
	}

	@GetMapping
	@Operation(summary = "List clouds",
			description = "Sorted by name, or by sort: name or region, descending with a leading -; q searches name and region.")
	PageView<CloudView> list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) @Nullable String sort) {
		return clouds.list(q, PageQuery.of(page, size), ListSort.of(sort, CloudService.SORT_COLUMNS));
	}

	@GetMapping("/{id}")
	ResponseEntity<CloudView> get(@PathVariable long id) {
		CloudView cloud = clouds.get(id);
		return ResponseEntity.ok().eTag(Versions.etag(cloud.version())).body(cloud);
	}

	@PostMapping
	ResponseEntity<CloudView> create(@RequestBody CloudRequest request) {
		CloudView cloud = clouds.create(request);
		return ResponseEntity.created(URI.create("/api/v1/clouds/" + cloud.id()))
			.eTag(Versions.etag(cloud.version()))
			.body(cloud);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a cloud",
			description = "Send the version you read, in the body or as If-Match; a stale one is refused with 409.")
	ResponseEntity<CloudView> update(@PathVariable long id, @RequestBody CloudRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		CloudView cloud = clouds.update(id, request, Versions.expected(ifMatch, request.version()));
		return ResponseEntity.ok().eTag(Versions.etag(cloud.version())).body(cloud);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a cloud", description = "Refused with 409 while the cloud has clusters.")
	ResponseEntity<Void> delete(@PathVariable long id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		clouds.delete(id, Versions.parse(ifMatch));
		return ResponseEntity.noContent().build();
	}

}
