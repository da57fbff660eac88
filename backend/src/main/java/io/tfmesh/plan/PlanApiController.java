package io.tfmesh.plan;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfmesh.system.error.InvalidInputException;
import io.tfmesh.system.web.ListSort;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import io.tfmesh.system.web.Versions;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/plans")
@Tag(name = "Change plans", description = "What tfmesh will change in which cluster, its approval and its apply")
class PlanApiController {

	private final PlanService plans;

	PlanApiController(PlanService plans) {
		this.plans = plans;
	}

	@GetMapping
	@Operation(summary = "List plans, newest first",
			description = "state and meshId filter; q finds a plan by its number (#12), mesh, state, author or "
					+ "approver; sort: plan, mesh, state, author, approvedBy, created or expires, preceded by - for "
					+ "the reverse order (the default is -created).")
	PageView<PlanSummary> list(@RequestParam(defaultValue = "") String q,
			@RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable Long meshId, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) @Nullable String sort) {
		return plans.list(q, state(state), meshId, PageQuery.of(page, size),
				ListSort.of(sort, PlanService.SORT_COLUMNS, PlanService.DEFAULT_SORT));
	}

	@PostMapping
	@Operation(summary = "Compute a plan for a mesh or one of its members",
			description = "Targets observed longer ago than tfmesh.plans.max-observation-age are observed first. A target "
					+ "whose observation is incomplete is refused with 409, naming the sources that failed. Answers 201 "
					+ "with the plan, pending approval (or a draft with \"draft\": true), or 200 with \"plan\": null "
					+ "when nothing differs.")
	ResponseEntity<?> create(@RequestBody(required = false) PlanRequests.@Nullable Create request) {
		if (request == null || request.meshId() == null) {
			throw new InvalidInputException("meshId", "is required: the mesh to plan for");
		}
		PlanService.Created created = plans.create(request.meshId(), request.clusterId(),
				Boolean.TRUE.equals(request.draft()));
		if (created.plan() == null) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("plan", null);
			body.put("message", created.message());
			return ResponseEntity.ok(body);
		}
		return ResponseEntity.created(URI.create("/api/v1/plans/" + created.plan().id()))
			.eTag(Versions.etag(created.plan().version()))
			.body(created.plan());
	}

	@GetMapping("/{id}")
	@Operation(summary = "A plan: its steps with before, after, risk and state, its approval and its progress")
	ResponseEntity<PlanView> get(@PathVariable long id) {
		PlanView plan = plans.get(id);
		return ResponseEntity.ok().eTag(Versions.etag(plan.version())).body(plan);
	}

	@PostMapping("/{id}/submit")
	@Operation(summary = "Send a draft to approval")
	PlanView submit(@PathVariable long id) {
		return plans.submit(id);
	}

	@PostMapping("/{id}/approve")
	@Operation(summary = "Approve a plan (an admin who is not its author)",
			description = "With applyAt, the plan starts by itself then; it must lie inside the mesh's change window "
					+ "(422 otherwise). The author is refused with 403.")
	PlanView approve(@PathVariable long id, @RequestBody(required = false) PlanRequests.@Nullable Approve request) {
		return plans.approve(id, request == null ? null : request.applyAt());
	}

	@PostMapping("/{id}/reject")
	@Operation(summary = "Reject a plan with a reason (an admin who is not its author)")
	PlanView reject(@PathVariable long id, @RequestBody(required = false) PlanRequests.@Nullable Reject request) {
		return plans.reject(id, request == null ? null : request.reason());
	}

	@PostMapping("/{id}/apply")
	@Operation(summary = "Start an approved plan",
			description = "Observes its clusters again first: when one changed since the plan was computed, the plan "
					+ "becomes stale, nothing is written and the answer is 409 of type stale. Otherwise 202, applying.")
	ResponseEntity<PlanView> apply(@PathVariable long id) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(plans.apply(id));
	}

	@PostMapping("/{id}/cancel")
	@Operation(summary = "Cancel a plan",
			description = "A plan that has not started is cancelled at once; one that is applying stops at its next "
					+ "step boundary.")
	PlanView cancel(@PathVariable long id) {
		return plans.cancel(id);
	}

	@PostMapping("/{id}/reverse")
	@Operation(summary = "Plan the reverse of an applied plan",
			description = "A new plan, pending approval, whose steps restore what the done steps changed, in reverse order.")
	ResponseEntity<PlanView> reverse(@PathVariable long id) {
		PlanView reverse = plans.reverse(id);
		return ResponseEntity.created(URI.create("/api/v1/plans/" + reverse.id())).body(reverse);
	}

	private static @Nullable PlanState state(@Nullable String state) {
		if (state == null || state.isBlank()) {
			return null;
		}
		try {
			return PlanState.of(state.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("state", ex.getMessage() + "; allowed values are draft, pending-approval, "
					+ "approved, rejected, applying, applied, failed, cancelled, expired and stale");
		}
	}

}
