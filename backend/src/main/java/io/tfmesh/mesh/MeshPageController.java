package io.tfmesh.mesh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.tfmesh.observe.ObservationService;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.system.error.ConflictException;
import io.tfmesh.system.error.InvalidInputException;
import io.tfmesh.system.web.FormErrors;
import io.tfmesh.system.web.ListSort;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import io.tfmesh.system.web.Words;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/meshes")
class MeshPageController {

	/** More than a form can sensibly show; larger meshes are managed through the API. */
	static final int CANDIDATES = 500;

	private final MeshService meshes;

	private final AllocationService allocations;

	private final AddressingReport report;

	private final ConflictFinder conflicts;

	private final ObservationService observations;

	MeshPageController(MeshService meshes, AllocationService allocations, AddressingReport report,
			ConflictFinder conflicts, ObservationService observations) {
		this.meshes = meshes;
		this.allocations = allocations;
		this.report = report;
		this.conflicts = conflicts;
		this.observations = observations;
	}

	@GetMapping
	String list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) @Nullable String sort,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		ListSort order = ListSort.orDefault(sort, MeshService.SORT_COLUMNS);
		model.addAttribute("q", q);
		model.addAttribute("sort", order);
		model.addAttribute("meshes", meshes.list(q, PageQuery.of(page, null), order));
		return htmx != null ? "meshes/list :: results" : "meshes/list";
	}

	@GetMapping("/{id}")
	String detail(@PathVariable long id, @RequestParam(required = false) Integer membersPage,
			@RequestParam(required = false) Integer allocationsPage, @RequestParam(required = false) Integer conflictsPage,
			@RequestParam(required = false) @Nullable String cluster, @RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable String severity, HttpServletRequest request, Model model) {
		MeshSummary mesh = meshes.summary(id);
		PageView<MeshView.MemberView> members = meshes.members(id, "", PageQuery.of(membersPage, null));
		List<Long> shown = members.items().stream().map(MeshView.MemberView::clusterId).toList();
		// the blocks and observations of the members shown, each read once, then looked up by member
		Map<Long, List<AllocationView>> blocks = new HashMap<>();
		meshes.allocationsOf(id, shown)
			.forEach(block -> blocks.computeIfAbsent(block.clusterId(), key -> new ArrayList<>()).add(block));
		Map<Long, ObservedState> observed = observations.latest(shown);
		MeshAddressing addressing = report.report(id, PageQuery.of(allocationsPage, null));
		model.addAttribute("mesh", mesh);
		model.addAttribute("members", members);
		model.addAttribute("blocks", blocks);
		model.addAttribute("addressing", addressing);
		model.addAttribute("drawings", addressing.pools().stream().map(PoolDrawing::of).toList());
		model.addAttribute("filter", conflictFilter(cluster, type, severity, model));
		model.addAttribute("conflicts", conflicts.page(id, (ConflictFilter) model.getAttribute("filter"),
				PageQuery.of(conflictsPage, null)));
		model.addAttribute("links", new MeshPageLinks(request));
		model.addAttribute("comparisons", members.items()
			.stream()
			.map(member -> ObservedPlanned.of(member, observed.get(member.clusterId()),
					blocks.getOrDefault(member.clusterId(), List.of())))
			.toList());
		return "meshes/detail";
	}

	/** The conflicts panel alone, for refreshing it in place. */
	@GetMapping("/{id}/conflicts")
	String conflictsPanel(@PathVariable long id, @RequestParam(required = false) Integer conflictsPage,
			@RequestParam(required = false) @Nullable String cluster, @RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable String severity, HttpServletRequest request, Model model) {
		model.addAttribute("mesh", meshes.summary(id));
		ConflictFilter filter = conflictFilter(cluster, type, severity, model);
		model.addAttribute("filter", filter);
		model.addAttribute("conflicts", conflicts.page(id, filter, PageQuery.of(conflictsPage, null)));
		model.addAttribute("links", new MeshPageLinks(request));
		return "meshes/detail :: conflicts";
	}

	/** A filter the page can show; one it cannot read is shown as an error above an unfiltered list. */
	private static ConflictFilter conflictFilter(@Nullable String cluster, @Nullable String type,
			@Nullable String severity, Model model) {
		try {
			return new ConflictFilter(cluster, type, severity);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("filterError", String.join("; ",
					ex.problems().stream().map(problem -> problem.field() + " " + problem.message()).toList()));
			return new ConflictFilter(null, null, null);
		}
	}

	@GetMapping("/new")
	String createForm(Model model) {
		model.addAttribute("form", new MeshForm());
		return form(model, null);
	}

	@PostMapping
	String create(@ModelAttribute("form") MeshForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		return FormErrors.attempt(result, MeshForm.FIELDS, () -> meshes.create(form.toRequest())).map(mesh -> {
			redirect.addFlashAttribute("message", "Mesh " + mesh.name() + " was created.");
			return "redirect:/meshes/" + mesh.id();
		}).orElseGet(() -> form(model, null));
	}

	@GetMapping("/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		MeshView mesh = meshes.get(id);
		model.addAttribute("form", MeshForm.of(mesh));
		return form(model, mesh);
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @ModelAttribute("form") MeshForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		MeshView current = meshes.get(id);
		return FormErrors.attempt(result, MeshForm.FIELDS,
				() -> meshes.update(id, keepMembersOfLargeMesh(id, form.toRequest()),
						form.getVersion() == null ? -1 : form.getVersion()))
			.map(mesh -> {
				redirect.addFlashAttribute("message", "Mesh " + mesh.name() + " was saved.");
				return "redirect:/meshes/" + mesh.id();
			})
			.orElseGet(() -> form(model, current));
	}

	@GetMapping("/{id}/delete")
	String confirmDelete(@PathVariable long id, Model model) {
		model.addAttribute("mesh", meshes.get(id));
		return "meshes/delete";
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, @RequestParam(required = false) @Nullable Long version,
			RedirectAttributes redirect) {
		MeshView mesh = meshes.get(id);
		return attempt(redirect, "/meshes/" + id, () -> {
			meshes.delete(id, version);
			redirect.addFlashAttribute("message", "Mesh " + mesh.name() + " and its allocations were deleted.");
			return "redirect:/meshes";
		});
	}

	@PostMapping("/{id}/allocate")
	String allocate(@PathVariable long id, @RequestParam(required = false) @Nullable Long clusterId,
			RedirectAttributes redirect) {
		return attempt(redirect, "/meshes/" + id, () -> {
			AllocationResult result = allocations.allocate(id,
					new AllocationRequest(clusterId == null ? null : List.of(clusterId), null, null, null, null, null),
					null);
			long changed = result.clusters()
				.stream()
				.flatMap(cluster -> cluster.allocations().stream())
				.filter(decision -> !decision.decision().equals("existing"))
				.count();
			redirect.addFlashAttribute("message", changed == 0 ? "Every member already had its blocks."
					: Words.count(changed, "block") + " allocated or kept; see the table below.");
			return "redirect:/meshes/" + id;
		});
	}

	@PostMapping("/{id}/release")
	String release(@PathVariable long id, @RequestParam long clusterId, RedirectAttributes redirect) {
		return attempt(redirect, "/meshes/" + id, () -> {
			int released = allocations.release(id, clusterId).size();
			redirect.addFlashAttribute("message", Words.count(released, "block") + " released.");
			return "redirect:/meshes/" + id;
		});
	}

	@PostMapping("/{id}/allocations/{allocationId}/release")
	String releaseOne(@PathVariable long id, @PathVariable long allocationId, RedirectAttributes redirect) {
		return attempt(redirect, "/meshes/" + id, () -> {
			allocations.releaseOne(id, allocationId);
			redirect.addFlashAttribute("message", "The block was released.");
			return "redirect:/meshes/" + id;
		});
	}

	@PostMapping("/{id}/reservations")
	String reserve(@PathVariable long id, @RequestParam String cidr, @RequestParam(defaultValue = "") String note,
			RedirectAttributes redirect) {
		return attempt(redirect, "/meshes/" + id, () -> {
			AllocationView reserved = allocations.reserve(id, new ReservationRequest(cidr, note));
			redirect.addFlashAttribute("message", reserved.cidr() + " is reserved.");
			return "redirect:/meshes/" + id;
		});
	}

	/**
	 * The form lists at most {@value #CANDIDATES} clusters, so a larger mesh keeps its members
	 * when saved from it; they are added and removed through the API.
	 */
	private MeshRequest keepMembersOfLargeMesh(long id, MeshRequest request) {
		if (meshes.summary(id).counts().members() <= CANDIDATES) {
			return request;
		}
		return new MeshRequest(request.name(), request.description(), request.asnMin(), request.asnMax(), request.pools(),
				null, request.version(), request.applyOnApproval(), request.changeWindowDays(), request.changeWindowStart(),
				request.changeWindowEnd());
	}

	/** Runs an action of the detail page; what the services refuse comes back as the page's error. */
	private static String attempt(RedirectAttributes redirect, String back, java.util.function.Supplier<String> action) {
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
		catch (ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:" + back;
	}

	private String form(Model model, @Nullable MeshView mesh) {
		model.addAttribute("mesh", mesh);
		// members and clusters in no other mesh: a cluster in another mesh could not join anyway
		model.addAttribute("clusters", meshes.candidates(mesh == null ? null : mesh.id(), CANDIDATES));
		model.addAttribute("candidateLimit", CANDIDATES);
		return "meshes/form";
	}

}
