package io.tfmesh.dashboard;

import io.tfmesh.audit.AuditQueries;
import io.tfmesh.inventory.CloudService;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.system.web.PageQuery;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class DashboardController {

	private final CloudService clouds;

	private final ClusterService clusters;

	private final AuditQueries audit;

	DashboardController(CloudService clouds, ClusterService clusters, AuditQueries audit) {
		this.clouds = clouds;
		this.clusters = clusters;
		this.audit = audit;
	}

	@GetMapping("/")
	String dashboard(Model model) {
		model.addAttribute("cloudCount", clouds.list("", PageQuery.of(0, 1)).totalItems());
		model.addAttribute("clusters", clusters.list("", null, PageQuery.of(0, 10)));
		model.addAttribute("recent", audit.recent(8));
		return "dashboard/dashboard";
	}

}
