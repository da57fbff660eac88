package io.tfmesh.health.fix;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfmesh.plan.PlanView;
import io.tfmesh.system.web.Versions;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/clusters/{id}/diagnoses")
@Tag(name = "Health", description = "contrail-status of every node of every cluster, polled on a schedule")
class FixPlanApiController {

	private final FixPlans fixes;

	FixPlanApiController(FixPlans fixes) {
		this.fixes = fixes;
	}

	/**
	 * @param node the finding's node, as a query parameter or in the body
	 * @param draft whether the plan waits as a draft
	 */
	record Request(@Nullable String node, @Nullable Boolean draft) {
	}

	@PostMapping("/{code}/plan")
	@Operation(summary = "Make an open finding's proposed fix a change plan (admins)",
			description = "The cluster is observed first and the finding made again. Fixes of kind create-bgp-router "
					+ "(a bgp-router with the address and ASN the finding read) and restart-pod (the pod of that "
					+ "DaemonSet on that node) become plans, pending approval by a second admin (or a draft with "
					+ "\"draft\": true). node names the finding's node when it is open on several. 404 for a missing "
					+ "cluster, 409 when the finding is not open or the cluster could not be observed completely, 422 "
					+ "for a fix of another kind or one that needs a value that was not read.")
	ResponseEntity<PlanView> plan(@PathVariable long id, @PathVariable String code,
			@RequestParam(required = false) @Nullable String node, @RequestParam(required = false) @Nullable Boolean draft,
			@RequestBody(required = false) @Nullable Request request) {
		String wantedNode = (node != null) ? node : (request == null ? null : request.node());
		boolean asDraft = Boolean.TRUE.equals(draft) || (request != null && Boolean.TRUE.equals(request.draft()));
		PlanView plan = fixes.create(id, code, wantedNode, asDraft);
		return ResponseEntity.created(URI.create("/api/v1/plans/" + plan.id()))
			.eTag(Versions.etag(plan.version()))
			.body(plan);
	}

}
