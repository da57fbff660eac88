package io.tfmesh.intent;

import java.util.List;

import io.tfmesh.audit.AuditFilter;
import io.tfmesh.audit.AuditQueries;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.mesh.MeshService;
import io.tfmesh.observe.ObservationService;
import io.tfmesh.observe.ObservedState;
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
@RequestMapping("/intents")
class IntentPageController {

	/** The most clusters and meshes the selects offer; larger inventories use the API. */
	static final int CHOICES = PageQuery.MAX_SIZE;

	private final IntentService intents;

	private final ClusterService clusters;

	private final MeshService meshes;

	private final ObservationService observations;

	private final AuditQueries audit;

	IntentPageController(IntentService intents, ClusterService clusters, MeshService meshes,
			ObservationService observations, AuditQueries audit) {
		this.intents = intents;
		this.clusters = clusters;
		this.meshes = meshes;
		this.observations = observations;
		this.audit = audit;
	}

	@GetMapping
	String list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) @Nullable Long meshId,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) @Nullable String sort,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		ListSort order = ListSort.orDefault(sort, IntentService.SORT_COLUMNS);
		model.addAttribute("q", q);
		model.addAttribute("sort", order);
		model.addAttribute("meshId", meshId);
		model.addAttribute("meshes", meshes.list("", PageQuery.of(0, CHOICES)).items());
		model.addAttribute("intents", intents.list(q, meshId, null, PageQuery.of(page, size), order));
		return htmx != null ? "intent/list :: results" : "intent/list";
	}

	@GetMapping("/{id}")
	String detail(@PathVariable long id, Model model) {
		model.addAttribute("intent", intents.get(id));
		model.addAttribute("history", audit.find(
				new AuditFilter(null, null, IntentService.KIND, Long.toString(id), null, null), PageQuery.of(0, 10)));
		return "intent/detail";
	}

	@GetMapping("/new")
	String createForm(@RequestParam(required = false) @Nullable Long sourceClusterId,
			@RequestParam(required = false) @Nullable Long destinationClusterId, Model model) {
		IntentForm form = new IntentForm();
		form.setSourceClusterId(sourceClusterId);
		form.setDestinationClusterId(destinationClusterId);
		model.addAttribute("form", form);
		return form(model, form);
	}

	@PostMapping
	String create(@ModelAttribute("form") IntentForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		return FormErrors.attempt(result, IntentForm.FIELDS, () -> intents.create(form.toRequest()))
			.map(intent -> {
				redirect.addFlashAttribute("message", "Intent " + intent.summary() + " was created.");
				return "redirect:/intents/" + intent.id();
			})
			.orElseGet(() -> form(model, form));
	}

	/**
	 * What a cluster's last observation found, as the options of one of the form's datalists:
	 * its namespaces, or the Services of a namespace.
	 */
	@GetMapping("/suggestions")
	String suggestions(@RequestParam(defaultValue = "source-namespaces") String list, @RequestParam(required = false) @Nullable Long sourceClusterId,
			@RequestParam(required = false) @Nullable Long destinationClusterId,
			@RequestParam(required = false) @Nullable String destinationNamespace, Model model) {
		String listId = switch (list) {
			case "destination-services", "destination-namespaces" -> list;
			default -> "source-namespaces";
		};
		model.addAttribute("listId", listId);
		model.addAttribute("options", options(listId,
				listId.equals("source-namespaces") ? sourceClusterId : destinationClusterId, destinationNamespace));
		return "intent/form :: suggestions";
	}

	@GetMapping("/{id}/delete")
	String confirmDelete(@PathVariable long id, Model model) {
		model.addAttribute("intent", intents.get(id));
		return "intent/delete";
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, @RequestParam(required = false) @Nullable Long version,
			RedirectAttributes redirect) {
		IntentView intent = intents.get(id);
		try {
			intents.delete(id, version);
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/intents/" + id;
		}
		redirect.addFlashAttribute("message", "Intent " + intent.summary() + " was deleted.");
		return "redirect:/intents";
	}

	private String form(Model model, IntentForm form) {
		model.addAttribute("clusters", clusters.list("", null, PageQuery.of(0, CHOICES)).items());
		model.addAttribute("protocols", List.of("tcp", "udp", "any"));
		model.addAttribute("sourceNamespaces", options("source-namespaces", form.getSourceClusterId(), null));
		model.addAttribute("destinationNamespaces",
				options("destination-namespaces", form.getDestinationClusterId(), null));
		model.addAttribute("destinationServices",
				options("destination-services", form.getDestinationClusterId(), form.getDestinationNamespace()));
		return "intent/form";
	}

	private List<String> options(String list, @Nullable Long clusterId, @Nullable String namespace) {
		if (clusterId == null || clusters.findById(clusterId).isEmpty()) {
			return List.of();
		}
		ObservedState observed = observations.latest(clusterId).orElse(null);
		if (observed == null) {
			return List.of();
		}
		if (!"destination-services".equals(list)) {
			return observed.namespaces();
		}
		return observed.services()
			.stream()
			.filter(service -> namespace == null || namespace.isBlank() || service.namespace().equals(namespace.strip()))
			.map(service -> service.name())
			.distinct()
			.sorted()
			.toList();
	}

}
