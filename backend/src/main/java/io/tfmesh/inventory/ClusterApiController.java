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
@RequestMapping("/api/v1/clusters")
@Tag(name = "Clusters", description = "Kubernetes + Tungsten Fabric installations and how to reach them")
class ClusterApiController {

	private final ClusterService clusters;

	private final ClusterOnboarding onboarding;

	ClusterApiController(ClusterService clusters, ClusterOnboarding onboarding) {
		this.clusters = clusters;
		this.onboarding = onboarding;
	}

	@GetMapping
	@Operation(summary = "List clusters",
			description = "Sorted by name, or by sort: name, cloud, tfCluster or asn, descending with a leading -; "
					+ "q searches the cluster's name, its cloud's name and its TF cluster name.")
	PageView<ClusterView> list(@RequestParam(defaultValue = "") String q,
			@RequestParam(required = false) @Nullable Long cloudId, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) @Nullable String sort) {
		return clusters.list(q, cloudId, PageQuery.of(page, size), ListSort.of(sort, ClusterService.SORT_COLUMNS));
	}

	@GetMapping("/{id}")
	ResponseEntity<ClusterView> get(@PathVariable long id) {
		ClusterView cluster = clusters.get(id);
		return ResponseEntity.ok().eTag(Versions.etag(cluster.version())).body(cluster);
	}

	@PostMapping
	@Operation(summary = "Register a cluster",
			description = "Credentials are stored encrypted and never returned; responses say only whether each is set. "
					+ "The answer also says how each connection answered a test (connections: the Kubernetes API, the "
					+ "TF config API and the first control node's introspect, each ok, failed, timeout or skipped); "
					+ "a cluster that fails them is registered all the same. Its first observation starts at once, "
					+ "in the background.")
	ResponseEntity<OnboardedCluster> create(@RequestBody ClusterRequest request) {
		OnboardedCluster onboarded = onboarding.register(request);
		ClusterView cluster = onboarded.cluster();
		return ResponseEntity.created(URI.create("/api/v1/clusters/" + cluster.id()))
			.eTag(Versions.etag(cluster.version()))
			.body(onboarded);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a cluster",
			description = "Secrets left out keep their stored value. Send the version you read, in the body or as If-Match.")
	ResponseEntity<ClusterView> update(@PathVariable long id, @RequestBody ClusterRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		ClusterView cluster = clusters.update(id, request, Versions.expected(ifMatch, request.version()));
		return ResponseEntity.ok().eTag(Versions.etag(cluster.version())).body(cluster);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		clusters.delete(id, Versions.parse(ifMatch));
		return ResponseEntity.noContent().build();
	}

}
