package io.tfmesh.health.web;

import io.tfmesh.audit.AuditQueries;
import io.tfmesh.inventory.CloudService;
import io.tfmesh.mesh.ConflictFinder;
import io.tfmesh.mesh.MeshService;
import io.tfmesh.mesh.MeshSummary;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: is the fleet OK, and what needs someone. */
@Controller
class FleetPageController {

	private final FleetOverview fleet;

	private final CloudService clouds;

	private final MeshService meshes;

	private final ConflictFinder conflicts;

	private final AuditQueries audit;

	FleetPageController(FleetOverview fleet, CloudService clouds, MeshService meshes, ConflictFinder conflicts,
			AuditQueries audit) {
		this.conflicts = conflicts;
		this.fleet = fleet;
		this.clouds = clouds;
		this.meshes = meshes;
		this.audit = audit;
	}

	@GetMapping("/")
	String home(Model model) {
		model.addAttribute("cloudCount", clouds.list("", PageQuery.of(0, 1)).totalItems());
		PageView<MeshSummary> listed = meshes.list("", PageQuery.of(0, 20));
		model.addAttribute("meshes", listed);
		model.addAttribute("meshConflicts", listed.items()
			.stream()
			.map(mesh -> new MeshConflicts(mesh.id(), mesh.name(), mesh.counts().members(), conflicts.count(mesh.id())))
			.toList());
		model.addAttribute("recent", audit.recent(8));
		panel(model);
		return "dashboard/dashboard";
	}

	@GetMapping("/fleet/panel")
	String panel(Model model) {
		model.addAttribute("fleet", fleet.fleet());
		return "health/fleet :: panel";
	}

}
