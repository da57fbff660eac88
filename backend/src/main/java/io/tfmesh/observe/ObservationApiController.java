package io.tfmesh.observe;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfmesh.system.error.NotFoundException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/clusters/{id}")
@Tag(name = "Observed state", description = "What each cluster really has, read through its APIs")
class ObservationApiController {

	private final ObservationService observations;

	ObservationApiController(ObservationService observations) {
		this.observations = observations;
	}

	@PostMapping("/observe")
	@Operation(summary = "Read the cluster now",
			description = "Reads kubeadm-config, the kube-manager ConfigMaps, nodes, TF pods, the TF config API and "
					+ "introspect at once, within the observation time bound. A source that fails is reported "
					+ "with its reason while the others are stored.")
	ObservedState observe(@PathVariable long id) {
		return observations.observe(id);
	}

	@GetMapping("/observed")
	@Operation(summary = "The last observed state, with its time and revision")
	ObservedState observed(@PathVariable long id) {
		return observations.latest(id)
			.orElseThrow(() -> new NotFoundException("observation of cluster", id + " yet; POST its /observe first"));
	}

}
