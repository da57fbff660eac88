package io.tfmesh.observe;

import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The observed-state panel of the cluster page, loaded and refreshed on its own, with the verdict
 * line at the top of the page.
 */
@Controller
@RequestMapping("/clusters/{id}")
class ObservationPageController {

	private final ObservationService observations;

	private final Clock clock;

	ObservationPageController(ObservationService observations, Clock clock) {
		this.observations = observations;
		this.clock = clock;
	}

	@GetMapping("/observed")
	String observed(@PathVariable long id, Model model) {
		return panel(id, observations.latest(id).orElse(null), model);
	}

	@PostMapping("/observe")
	String observe(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
			Model model, RedirectAttributes redirect) {
		ObservedState state = observations.observe(id);
		if (htmx != null) {
			return panel(id, state, model);
		}
		redirect.addFlashAttribute("message", state.complete() ? "The cluster was observed."
				: "The cluster was observed; some sources did not answer (see below).");
		return "redirect:/clusters/" + id;
	}

	/** The panel, and the page's verdict line swapped in beside it. */
	private String panel(long id, @Nullable ObservedState state, Model model) {
		model.addAttribute("clusterId", id);
		model.addAttribute("observed", state == null ? null : ObservedView.of(state, clock.instant()));
		model.addAttribute("neverObserved", ClusterVerdict.of(null, List.of()));
		return "observe/observed :: response";
	}

}
