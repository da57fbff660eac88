package io.tfmesh.audit;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfmesh.system.web.ListSort;
import io.tfmesh.system.web.PageQuery;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "Who changed what, when")
class AuditApiController {

	private final AuditQueries audit;

	AuditApiController(AuditQueries audit) {
		this.audit = audit;
	}

	@GetMapping
	@Operation(summary = "List audit entries, newest first or, with sort=time, oldest first",
			description = "Filters: actor, action (create, update, delete, login, login-failed, and the plan transitions "
					+ "submit, approve, reject, apply, cancel, expire, stale, applied, failed, reverse), objectType (cloud, "
					+ "cluster, mesh, allocation, reservation (the allocations an admin set aside), intent, plan, user, "
					+ "api-token, login), objectId, from and to (ISO-8601 instants, to exclusive). Up to 10,000 matching "
					+ "entries are counted; beyond that totalItems is the database's estimate and totalExact is false.")
	AuditPage list(@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable String objectType,
			@RequestParam(required = false) @Nullable String objectId,
			@RequestParam(required = false) @Nullable Instant from, @RequestParam(required = false) @Nullable Instant to,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) @Nullable String sort) {
		return audit.find(new AuditFilter(actor, action, objectType, objectId, from, to), PageQuery.of(page, size),
				ListSort.of(sort, AuditQueries.SORT_COLUMNS, AuditQueries.DEFAULT_SORT));
	}

}
