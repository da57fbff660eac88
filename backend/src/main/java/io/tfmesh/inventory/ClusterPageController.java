package io.tfmesh.inventory;

import java.util.ArrayList;
import java.util.List;

import io.tfmesh.audit.AuditFilter;
import io.tfmesh.audit.AuditQueries;
import io.tfmesh.system.error.ConflictException;
import io.tfmesh.system.error.FieldProblem;
import io.tfmesh.system.error.InvalidInputException;
import io.tfmesh.system.web.FormErrors;
import io.tfmesh.system.web.ListSort;
import io.tfmesh.system.web.PageQuery;
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
@RequestMapping("/clusters")
class ClusterPageController {

	private final ClusterService clusters;

	private final CloudService clouds;

	private final AuditQueries audit;

	private final ClusterOnboarding onboarding;

	ClusterPageController(ClusterService clusters, CloudService clouds, AuditQueries audit,
			ClusterOnboarding onboarding) {
		this.clusters = clusters;
		this.clouds = clouds;
		this.audit = audit;
		this.onboarding = onboarding;
	}

	@GetMapping
	String list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) @Nullable Long cloudId,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) @Nullable String sort,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		ListSort order = ListSort.orDefault(sort, ClusterService.SORT_COLUMNS);
		model.addAttribute("q", q);
		model.addAttribute("sort", order);
		model.addAttribute("cloudId", cloudId);
		model.addAttribute("clouds", clouds.all());
		model.addAttribute("clusters", clusters.list(q, cloudId, PageQuery.of(page, size), order));
		return htmx != null ? "clusters/list :: results" : "clusters/list";
	}

	@GetMapping("/{id}")
	String detail(@PathVariable long id, Model model) {
		model.addAttribute("cluster", clusters.get(id));
		model.addAttribute("history",
				audit.find(new AuditFilter(null, null, ClusterService.KIND, Long.toString(id), null, null),
						PageQuery.of(0, 10)));
		return "clusters/detail";
	}

	@GetMapping("/new")
	String createForm(@RequestParam(required = false) @Nullable Long cloudId, Model model) {
		ClusterForm form = new ClusterForm();
		form.setCloudId(cloudId);
		model.addAttribute("form", form);
		return form(model, null);
	}

	@PostMapping
	String create(@ModelAttribute("form") ClusterForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		return FormErrors.attempt(result, ClusterForm.FIELDS, () -> {
			ClusterRequest request = form.toRequest();
			refuseUnparsed(form, request, null);
			return onboarding.register(request);
		}).map(onboarded -> {
			ClusterView cluster = onboarded.cluster();
			redirect.addFlashAttribute("message", "Cluster " + cluster.name() + " was registered."
					+ (onboarded.connections().isEmpty() ? "" : " Its first observation has started."));
			redirect.addFlashAttribute("connections", onboarded.connections());
			return "redirect:/clusters/" + cluster.id();
		}).orElseGet(() -> {
			form.clearSecrets();
			return form(model, null);
		});
	}

	@GetMapping("/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		ClusterView cluster = clusters.get(id);
		model.addAttribute("form", ClusterForm.of(cluster));
		return form(model, cluster);
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @ModelAttribute("form") ClusterForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		ClusterView current = clusters.get(id);
		return FormErrors.attempt(result, ClusterForm.FIELDS, () -> {
			ClusterRequest request = form.toRequest();
			refuseUnparsed(form, request, id);
			return clusters.update(id, request, form.getVersion() == null ? -1 : form.getVersion());
		}).map(cluster -> {
			redirect.addFlashAttribute("message", "Cluster " + cluster.name() + " was saved.");
			return "redirect:/clusters/" + cluster.id();
		}).orElseGet(() -> {
			form.clearSecrets();
			return form(model, current);
		});
	}

	@GetMapping("/{id}/delete")
	String confirmDelete(@PathVariable long id, Model model) {
		model.addAttribute("cluster", clusters.get(id));
		return "clusters/delete";
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, @RequestParam(required = false) @Nullable Long version,
			RedirectAttributes redirect) {
		ClusterView cluster = clusters.get(id);
		try {
			clusters.delete(id, version);
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/clusters/" + id;
		}
		redirect.addFlashAttribute("message", "Cluster " + cluster.name() + " was deleted.");
		return "redirect:/clusters";
	}

	/** A form with values it could not parse is refused with every other mistake it has, all at once. */
	private void refuseUnparsed(ClusterForm form, ClusterRequest request, @Nullable Long id) {
		List<FieldProblem> problems = new ArrayList<>(form.parseProblems());
		if (!problems.isEmpty()) {
			problems.addAll(clusters.problems(request, id));
			throw new InvalidInputException(problems);
		}
	}

	private String form(Model model, @Nullable ClusterView cluster) {
		model.addAttribute("cluster", cluster);
		model.addAttribute("clouds", clouds.all());
		model.addAttribute("kubernetesAuths", KubernetesAuth.values());
		model.addAttribute("tfAuths", TfAuth.values());
		return "clusters/form";
	}

}
