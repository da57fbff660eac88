package io.tfmesh.audit;

import java.util.Arrays;

import io.tfmesh.system.web.ListSort;
import io.tfmesh.system.web.PageQuery;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class AuditPageController {

	private final AuditQueries audit;

	private final AuditLinks links;

	AuditPageController(AuditQueries audit, AuditLinks links) {
		this.audit = audit;
		this.links = links;
	}

	@GetMapping("/audit")
	String audit(@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable String objectType,
			@RequestParam(required = false) @Nullable String objectId, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) @Nullable String sort, HttpServletRequest request,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		AuditFilter filter = new AuditFilter(actor, action, objectType, objectId, null, null);
		ListSort order = ListSort.orDefault(sort, AuditQueries.SORT_COLUMNS, AuditQueries.DEFAULT_SORT);
		AuditPage entries = audit.find(filter, PageQuery.of(page, 50), order);
		model.addAttribute("filter", filter);
		model.addAttribute("sort", order);
		model.addAttribute("entries", entries);
		model.addAttribute("links", links.of(entries.items(), request.isUserInRole("ADMIN")));
		model.addAttribute("objectTypes", AuditObjectType.offered(audit.recordedObjectTypes()));
		model.addAttribute("actions", Arrays.stream(AuditAction.values()).map(AuditAction::json).toList());
		return htmx != null ? "audit/list :: results" : "audit/list";
	}

}
