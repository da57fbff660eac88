package io.tfmesh.health.fix;

import io.tfmesh.plan.PlanView;
import io.tfmesh.system.error.ConflictException;
import io.tfmesh.system.error.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The health page's "Make a plan": the finding's fix becomes a plan, and the browser goes to it.
 * A refusal of an htmx request answers with the error page's status and sentence, which the page
 * shows by the button; a plain form's refusal is shown on the health page it came from.
 */
@Controller
class FixPlanPageController {

	private final FixPlans fixes;

	FixPlanPageController(FixPlans fixes) {
		this.fixes = fixes;
	}

	/** An htmx request is sent on with {@code HX-Redirect}: a redirect would be followed inside the request. */
	@PostMapping("/clusters/{id}/diagnoses/{code}/plan")
	@Nullable String plan(@PathVariable long id, @PathVariable String code,
			@RequestParam(required = false) @Nullable String node, HttpServletRequest request,
			HttpServletResponse response) {
		boolean htmx = request.getHeader("HX-Request") != null;
		PlanView plan;
		try {
			plan = fixes.create(id, code, node, false);
		}
		catch (ConflictException | InvalidInputException ex) {
			if (htmx) {
				throw ex;
			}
			RequestContextUtils.getOutputFlashMap(request).put("error", "No plan was made: " + ex.getMessage());
			return "redirect:/clusters/" + id + "/health";
		}
		String path = "/plans/" + plan.id();
		FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
		flash.put("message", "Plan " + plan.id() + " carries out the fix of " + code + (node == null ? "" : " on " + node)
				+ ". It awaits approval by an admin other than you.");
		if (!htmx) {
			return "redirect:" + path;
		}
		flash.setTargetRequestPath(request.getContextPath() + path);
		RequestContextUtils.saveOutputFlashMap(request.getContextPath() + path, request, response);
		response.setHeader("HX-Redirect", request.getContextPath() + path);
		response.setStatus(HttpServletResponse.SC_OK);
		return null;
	}

}
