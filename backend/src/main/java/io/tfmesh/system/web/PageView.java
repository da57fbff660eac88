package io.tfmesh.system.web;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Page;

/**
 * One page of a list, as the API returns it and the pages render it.
 *
 * @param page zero-based page number
 */
public record PageView<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

	public static <E, T> PageView<T> of(Page<E> page, Function<E, T> view) {
		return new PageView<>(page.getContent().stream().map(view).toList(), page.getNumber(), page.getSize(),
				page.getTotalElements(), page.getTotalPages());
	}

	public static <T> PageView<T> of(List<T> items, PageQuery query, long totalItems) {
		int totalPages = (int) ((totalItems + query.size() - 1) / query.size());
		return new PageView<>(items, query.page(), query.size(), totalItems, totalPages);
	}

	public boolean hasPrevious() {
		return page > 0;
	}

	public boolean hasNext() {
		return page + 1 < totalPages;
	}

	/** Number of the first item on this page, counting from 1, for "11-20 of 45". */
	public long firstItem() {
		return items.isEmpty() ? 0 : (long) page * size + 1;
	}

	public long lastItem() {
		return (long) page * size + items.size();
	}

}
