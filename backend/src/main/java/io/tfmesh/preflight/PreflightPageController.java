package io.tfmesh.preflight;

import java.time.Clock;
import java.time.Duration;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A cluster's preflight checks, with the rules they applied. */
@Controller
class PreflightPageController {

	private final PreflightService preflight;

	private final RuleService rules;

	private final Clock clock;

	PreflightPageController(PreflightService preflight, RuleService rules, Clock clock) {
		this.preflight = preflight;
		this.rules = rules;
		this.clock = clock;
	}

	@GetMapping("/clusters/{id}/preflight")
	String preflight(@PathVariable long id, Model model) {
		PreflightReport report = preflight.report(id);
		model.addAttribute("report", report);
		model.addAttribute("age",
				report.observedAt() == null ? null : age(Duration.between(report.observedAt(), clock.instant())));
		model.addAttribute("rules", rules.all());
		return "preflight/preflight";
	}

	static String age(Duration age) {
		long seconds = Math.max(0, age.toSeconds());
		if (seconds < 60) {
			return seconds + " s ago";
		}
		if (seconds < 3600) {
			return (seconds / 60) + " min ago";
		}
		if (seconds < 86400) {
			return (seconds / 3600) + " h ago";
		}
		return (seconds / 86400) + " d ago";
	}

}
