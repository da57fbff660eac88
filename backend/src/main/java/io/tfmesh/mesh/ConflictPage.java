package io.tfmesh.mesh;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tfmesh.system.web.PageView;

/**
 * One page of a mesh's conflicts that match a filter, with totals of all its conflicts.
 *
 * @param totalItems the conflicts that match the filter
 * @param totals every conflict of the mesh, whatever the filter
 */
public record ConflictPage(List<Conflict> items, int page, int size, long totalItems, int totalPages, Totals totals) {

	/**
	 * @param all every conflict of the mesh
	 * @param bySeverity error, warning and info, each present even when none
	 * @param byType each type that occurs
	 */
	public record Totals(long all, Map<String, Long> bySeverity, Map<String, Long> byType) {
	}

	static ConflictPage of(PageView<Conflict> page, List<Conflict> all) {
		Map<String, Long> bySeverity = new LinkedHashMap<>();
		ConflictFilter.SEVERITIES.forEach(severity -> bySeverity.put(severity, 0L));
		Map<String, Long> byType = new LinkedHashMap<>();
		for (Conflict conflict : all) {
			bySeverity.merge(conflict.severity(), 1L, Long::sum);
			byType.merge(conflict.type(), 1L, Long::sum);
		}
		return new ConflictPage(page.items(), page.page(), page.size(), page.totalItems(), page.totalPages(),
				new Totals(all.size(), bySeverity, byType));
	}

	/** The page as the dashboard's pager shows it. */
	public PageView<Conflict> view() {
		return new PageView<>(items, page, size, totalItems, totalPages);
	}

}
