package io.tfmesh.inventory;

import io.tfmesh.audit.AuditFilter;
import io.tfmesh.audit.AuditQueries;
import io.tfmesh.system.error.ConflictException;
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
@RequestMapping("/clouds")
class CloudPageController {

	private final CloudService clouds;

	private final ClusterService clusters;

	private final AuditQueries audit;

	CloudPageController(CloudService clouds, ClusterService clusters, AuditQueries audit) {
		this.clouds = clouds;
		this.clusters = clusters;
		this.audit = audit;
	}

	@GetMapping
	String list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) @Nullable String sort,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		ListSort order = ListSort.orDefault(sort, CloudService.SORT_COLUMNS);
		model.addAttribute("q", q);
		model.addAttribute("sort", order);
		model.addAttribute("clouds", clouds.list(q, PageQuery.of(page, size), order));
		return htmx != null ? "clouds/list :: results" : "clouds/list";
	}

	@GetMapping("/{id}")
	String detail(@PathVariable long id, Model model) {
		model.addAttribute("cloud", clouds.get(id));
		model.addAttribute("clusters", clusters.list("", id, PageQuery.of(0, PageQuery.MAX_SIZE)));
		model.addAttribute("history",
				audit.find(new AuditFilter(null, null, CloudService.KIND, Long.toString(id), null, null),
						PageQuery.of(0, 10)));
		return "clouds/detail";
	}

	@GetMapping("/new")
	String createForm(Model model) {
		model.addAttribute("form", new CloudForm());
		return form(model, null);
	}

	@PostMapping
	String create(@ModelAttribute("form") CloudForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		return FormErrors.attempt(result, CloudForm.FIELDS, () -> {
			CloudRequest request = form.toRequest();
			return clouds.create(request);
		}).map(cloud -> {
			redirect.addFlashAttribute("message", "Cloud " + cloud.name() + " was created.");
			return "redirect:/clouds/" + cloud.id();
		}).orElseGet(() -> form(model, null));
	}

	@GetMapping("/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		CloudView cloud = clouds.get(id);
		model.addAttribute("form", CloudForm.of(cloud));
		return form(model, cloud);
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @ModelAttribute("form") CloudForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		CloudView current = clouds.get(id);
		return FormErrors.attempt(result, CloudForm.FIELDS, () -> {
			CloudRequest request = form.toRequest();
			return clouds.update(id, request, form.getVersion() == null ? -1 : form.getVersion());
		}).map(cloud -> {
			redirect.addFlashAttribute("message", "Cloud " + cloud.name() + " was saved.");
			return "redirect:/clouds/" + cloud.id();
		}).orElseGet(() -> form(model, current));
	}

	@GetMapping("/{id}/delete")
	String confirmDelete(@PathVariable long id, Model model) {
		model.addAttribute("cloud", clouds.get(id));
		model.addAttribute("clusters", clusters.list("", id, PageQuery.of(0, PageQuery.MAX_SIZE)));
		return "clouds/delete";
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, @RequestParam(required = false) @Nullable Long version,
			RedirectAttributes redirect) {
		CloudView cloud = clouds.get(id);
		try {
			clouds.delete(id, version);
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/clouds/" + id;
		}
		redirect.addFlashAttribute("message", "Cloud " + cloud.name() + " was deleted.");
		return "redirect:/clouds";
	}

	private String form(Model model, @Nullable CloudView cloud) {
		model.addAttribute("cloud", cloud);
		model.addAttribute("providers", Provider.values());
		return "clouds/form";
	}

}
