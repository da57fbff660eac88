package io.tfmesh.intent;

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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/intents")
@Tag(name = "Intents", description = "Which namespace of one cluster may reach which Service of another")
class IntentApiController {

	private final IntentService intents;

	IntentApiController(IntentService intents) {
		this.intents = intents;
	}

	@GetMapping
	@Operation(summary = "List intents",
			description = "meshId: intents whose clusters are both members of that mesh; clusterId: intents from or "
					+ "to that cluster; q: searches names, namespaces, Services, clusters and descriptions; sort: from, to, "
					+ "protocol, mesh or name, preceded by - for the reverse order.")
	PageView<IntentView> list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) @Nullable Long meshId,
			@RequestParam(required = false) @Nullable Long clusterId, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) @Nullable String sort) {
		return intents.list(q, meshId, clusterId, PageQuery.of(page, size),
				ListSort.of(sort, IntentService.SORT_COLUMNS));
	}

	@GetMapping("/{id}")
	ResponseEntity<IntentView> get(@PathVariable long id) {
		IntentView intent = intents.get(id);
		return ResponseEntity.ok().eTag(Versions.etag(intent.version())).body(intent);
	}

	@PostMapping
	@Operation(summary = "Create an intent",
			description = "Both clusters must be members of one mesh, and the destination's last observation must have "
					+ "read its Kubernetes API and found the namespace and the Service (422 otherwise, naming what is "
					+ "missing); the source namespace must exist in the source's last observation. The same rule twice is 409.")
	ResponseEntity<IntentView> create(@RequestBody IntentRequest request) {
		IntentView intent = intents.create(request);
		return ResponseEntity.created(URI.create("/api/v1/intents/" + intent.id()))
			.eTag(Versions.etag(intent.version()))
			.body(intent);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete an intent", description = "Plans made before keep their steps; the next plan leaves it out.")
	ResponseEntity<Void> delete(@PathVariable long id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		intents.delete(id, Versions.parse(ifMatch));
		return ResponseEntity.noContent().build();
	}

}
