package io.tfmesh.audit;

import io.tfmesh.system.web.PageQuery;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class AuditPageController {

	private final AuditQueries audit;

	AuditPageController(AuditQueries audit) {
		this.audit = audit;
	}

	@GetMapping("/audit")
	String audit(@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable String objectType,
			@RequestParam(required = false) @Nullable String objectId, @RequestParam(required = false) Integer page,
			Model model) {
		AuditFilter filter = new AuditFilter(actor, action, objectType, objectId, null, null);
		model.addAttribute("filter", filter);
		model.addAttribute("entries", audit.find(filter, PageQuery.of(page, 50)));
		return "audit/list";
	}

}
