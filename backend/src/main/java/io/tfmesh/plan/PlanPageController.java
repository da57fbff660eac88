package io.tfmesh.plan;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import io.tfmesh.mesh.MeshService;
import io.tfmesh.mesh.MeshView;
import io.tfmesh.system.error.ConflictException;
import io.tfmesh.system.error.InvalidInputException;
import io.tfmesh.system.error.NotFoundException;
import io.tfmesh.system.web.ListSort;
import io.tfmesh.system.web.PageQuery;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The plans list and the plan page, which is the review, the approval and the progress. */
@Controller
@RequestMapping("/plans")
class PlanPageController {

	static final List<String> STATES = Arrays.stream(PlanState.values()).map(PlanState::id).toList();

	private final PlanService plans;

	private final MeshService meshes;

	private final Clock clock;

	PlanPageController(PlanService plans, MeshService meshes, Clock clock) {
		this.plans = plans;
		this.meshes = meshes;
		this.clock = clock;
	}

	@GetMapping
	String list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable Long meshId, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) @Nullable String sort,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		ListSort order = ListSort.orDefault(sort, PlanService.SORT_COLUMNS, PlanService.DEFAULT_SORT);
		model.addAttribute("q", q);
		model.addAttribute("sort", order);
		PlanState filter = state == null || state.isBlank() || !STATES.contains(state) ? null : PlanState.of(state);
		model.addAttribute("state", filter == null ? "" : filter.id());
		model.addAttribute("meshId", meshId);
		model.addAttribute("states", STATES);
		model.addAttribute("plans", plans.list(q, filter, meshId, PageQuery.of(page, null), order));
		return htmx != null ? "plan/list :: results" : "plan/list";
	}

	@PostMapping
	String create(@RequestParam long meshId, @RequestParam(required = false) @Nullable Long clusterId,
			RedirectAttributes redirect) {
		String back = "/meshes/" + meshId;
		return attempt(redirect, back, () -> {
			PlanService.Created created = plans.create(meshId, clusterId, false);
			redirect.addFlashAttribute("message", created.message());
			return created.plan() == null ? "redirect:" + back : "redirect:/plans/" + created.plan().id();
		});
	}

	@GetMapping("/{id}")
	String detail(@PathVariable long id, Model model) {
		PlanView plan = plans.get(id);
		model.addAttribute("plan", plan);
		model.addAttribute("refreshedAt", clock.instant());
		model.addAttribute("window", plan.meshId() == null ? null : meshOrNull(plan.meshId()));
		return "plan/detail";
	}

	/** The progress and the steps, which the page reads again every two seconds while the plan applies. */
	@GetMapping("/{id}/progress")
	String progress(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
			Model model, HttpServletResponse response) {
		PlanView plan = plans.get(id);
		if (htmx != null && !plan.live()) {
			// it just finished: the whole page changes (its state, its buttons), not only the steps
			response.setHeader("HX-Refresh", "true");
		}
		model.addAttribute("plan", plan);
		model.addAttribute("refreshedAt", clock.instant());
		return "plan/detail :: progress";
	}

	@PostMapping("/{id}/submit")
	String submit(@PathVariable long id, RedirectAttributes redirect) {
		return act(id, redirect, () -> plans.submit(id), "Plan " + id + " awaits approval.");
	}

	@PostMapping("/{id}/approve")
	String approve(@PathVariable long id, @RequestParam(required = false) @Nullable String applyAt,
			RedirectAttributes redirect) {
		return act(id, redirect, () -> plans.approve(id, utc(applyAt)), "Plan " + id + " is approved.");
	}

	@PostMapping("/{id}/reject")
	String reject(@PathVariable long id, @RequestParam(required = false) @Nullable String reason,
			RedirectAttributes redirect) {
		return act(id, redirect, () -> plans.reject(id, reason), "Plan " + id + " is rejected.");
	}

	@PostMapping("/{id}/apply")
	String apply(@PathVariable long id, RedirectAttributes redirect) {
		return act(id, redirect, () -> plans.apply(id), "Plan " + id + " is being applied.");
	}

	@PostMapping("/{id}/cancel")
	String cancel(@PathVariable long id, RedirectAttributes redirect) {
		return act(id, redirect, () -> plans.cancel(id), "Plan " + id + " is cancelled, or stops at its next step.");
	}

	@PostMapping("/{id}/reverse")
	String reverse(@PathVariable long id, RedirectAttributes redirect) {
		return attempt(redirect, "/plans/" + id, () -> {
			PlanView reverse = plans.reverse(id);
			redirect.addFlashAttribute("message", "Plan " + reverse.id() + " restores what plan " + id
					+ " changed; it awaits approval.");
			return "redirect:/plans/" + reverse.id();
		});
	}

	private String act(long id, RedirectAttributes redirect, Supplier<PlanView> action, String message) {
		return attempt(redirect, "/plans/" + id, () -> {
			action.get();
			redirect.addFlashAttribute("message", message);
			return "redirect:/plans/" + id;
		});
	}

	/** Runs an action of a page; what the rules refuse comes back as the page's error. */
	private static String attempt(RedirectAttributes redirect, String back, Supplier<String> action) {
		try {
			return action.get();
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.problems()
				.stream()
				.map(problem -> problem.field() + ": " + problem.message())
				.reduce((a, b) -> a + "; " + b)
				.orElse(ex.getMessage()));
		}
		catch (ConflictException | SecondAdminRequiredException | OutsideChangeWindowException
				| StalePlanException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:" + back;
	}

	/** A time from the page's date and time field, which is UTC like every time tfmesh shows. */
	private static @Nullable Instant utc(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(text.strip()).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("applyAt", "'" + text + "' is no date and time; use YYYY-MM-DDTHH:MM (UTC)");
		}
	}

	private @Nullable MeshView meshOrNull(long meshId) {
		try {
			return meshes.get(meshId);
		}
		catch (NotFoundException ex) {
			return null;
		}
	}

}
