package io.tfmesh.apply;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/plans/{id}")
@Tag(name = "Plans")
class ApplyProgressApiController {

	private final ApplyProgressService progress;

	ApplyProgressApiController(ApplyProgressService progress) {
		this.progress = progress;
	}

	@GetMapping("/progress")
	@Operation(summary = "How far the plan's apply has come",
			description = "Steps done out of total, the count in each state, and each step with its state, attempts, "
					+ "what the worker did or why it failed; after apply, what the new observation still found "
					+ "different. Poll it while the plan is applying.")
	ApplyProgress progress(@PathVariable long id) {
		return progress.progress(id);
	}

}
