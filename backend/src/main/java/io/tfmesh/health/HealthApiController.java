package io.tfmesh.health;

import java.time.Duration;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/clusters/{id}")
@Tag(name = "Health", description = "contrail-status of every node of every cluster, polled on a schedule")
class HealthApiController {

	private final HealthService health;

	private final HealthCollector collector;

	HealthApiController(HealthService health, HealthCollector collector) {
		this.health = health;
		this.collector = collector;
	}

	@GetMapping("/health")
	@Operation(summary = "Each node's TF services with their state, description, source and age",
			description = "A reading older than three poll intervals is served as unknown, never as its last state.")
	ClusterHealth health(@PathVariable long id) {
		return health.health(id);
	}

	@PostMapping("/health/poll")
	@Operation(summary = "Poll the cluster's TF services now and return its health")
	ClusterHealth poll(@PathVariable long id) {
		collector.poll(id);
		return health.health(id);
	}

	@GetMapping("/health/history")
	@Operation(summary = "The state changes of the cluster's services, oldest first",
			description = "A point per change of state or description, and one an hour in between, "
					+ "within the last `hours` (at most the retention).")
	List<Reading> history(@PathVariable long id,
			@RequestParam(defaultValue = "24") @Min(1) @Max(24 * 366) int hours) {
		return health.history(id, Duration.ofHours(hours));
	}

	@GetMapping("/bgp-neighbors")
	@Operation(summary = "Each control node's BGP and XMPP neighbors, with source and age",
			description = "As the control node's introspect (Snh_BgpNeighborReq) answered at the last poll. "
					+ "A list that could not be read, or is older than three poll intervals, is unknown and lists "
					+ "no neighbor.")
	List<ServedNeighbors> bgpNeighbors(@PathVariable long id) {
		return health.bgpNeighbors(id);
	}

	@GetMapping(path = "/contrail-status", produces = MediaType.TEXT_PLAIN_VALUE)
	@Operation(summary = "contrail-status of every node, in contrail-status's own format, from the latest readings")
	String contrailStatus(@PathVariable long id) {
		return health.contrailStatus(id);
	}

}
