package io.tfmesh.health.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tfmesh.health.ClusterHealth;
import io.tfmesh.health.HealthService;
import io.tfmesh.health.ServedReading;
import io.tfmesh.health.diagnose.DiagnosisService;
import io.tfmesh.health.fix.FixPlans;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A cluster's health: contrail-status of each node with every line's source and age, the open
 * findings with their proposed fixes, and a timeline.
 */
@Controller
class HealthPageController {

	/** How far back the timeline reaches. */
	static final Duration WINDOW = Duration.ofHours(24);

	private final HealthService health;

	private final DiagnosisService diagnoses;

	private final Clock clock;

	HealthPageController(HealthService health, DiagnosisService diagnoses, Clock clock) {
		this.health = health;
		this.diagnoses = diagnoses;
		this.clock = clock;
	}

	@GetMapping("/clusters/{id}/health")
	String page(@PathVariable long id, Model model) {
		panel(id, model);
		return "health/health";
	}

	@GetMapping("/clusters/{id}/health/panel")
	String panel(@PathVariable long id, Model model) {
		ClusterHealth clusterHealth = health.health(id);
		Instant now = clock.instant();
		List<ServedReading> latest = clusterHealth.nodes().stream().flatMap(node -> node.services().stream()).toList();
		model.addAttribute("health", clusterHealth);
		model.addAttribute("findings", diagnoses.findings(id));
		model.addAttribute("plannableKinds", FixPlans.KINDS);
		model.addAttribute("timeline", Timeline.of(health.history(id, WINDOW), latest, now, WINDOW,
				Duration.ofSeconds(clusterHealth.staleAfterSeconds())));
		return "health/health :: panel";
	}

}
