package io.tfmesh.audit;

import java.util.List;

import io.tfmesh.system.web.PageQuery;

/**
 * One page of audit entries, newest or oldest first.
 *
 * @param page zero-based page number
 * @param totalItems how many entries match: counted when {@code totalExact}, else the database's
 * estimate (at least as many as have been seen)
 * @param totalExact whether {@code totalItems} was counted
 * @param hasNext whether a later page holds entries, known whether or not the total is
 */
public record AuditPage(List<AuditEntry> items, int page, int size, long totalItems, int totalPages,
		boolean totalExact, boolean hasNext) {

	static AuditPage of(List<AuditEntry> items, PageQuery query, long totalItems, boolean exact, boolean hasNext) {
		int totalPages = (int) Math.min(Integer.MAX_VALUE, (totalItems + query.size() - 1) / query.size());
		return new AuditPage(items, query.page(), query.size(), totalItems, totalPages, exact, hasNext);
	}

	public boolean hasPrevious() {
		return page > 0;
	}

	/** Number of the first entry on this page, counting from 1, for "51-100 of 1,234". */
	public long firstItem() {
		return items.isEmpty() ? 0 : (long) page * size + 1;
	}

	public long lastItem() {
		return (long) page * size + items.size();
	}

}
