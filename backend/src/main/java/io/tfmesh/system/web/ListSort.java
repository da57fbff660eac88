package io.tfmesh.system.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tfmesh.system.error.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;

/**
 * The order of a list: one of its sortable columns, ascending or (written with a leading
 * {@code -}, as in {@code sort=-name}) descending. Rows that tie keep the order of their ids, so
 * paging through a sorted list returns every row once.
 *
 * @param column the column's name in the {@code sort} parameter
 * @param descending whether the largest value comes first
 * @param columns each sortable column's name with the property it sorts by
 * @param ignored the requested order when it was not one of the columns, for the page to say so
 */
public record ListSort(String column, boolean descending, Map<String, String> columns, @Nullable String ignored) {

	/**
	 * Sortable columns in the order given, the first being the default order.
	 * @param nameThenProperty each column's name followed by the property it sorts by
	 */
	public static Map<String, String> columns(String... nameThenProperty) {
		if (nameThenProperty.length == 0 || nameThenProperty.length % 2 != 0) {
			throw new IllegalArgumentException("columns come as name and property pairs");
		}
		Map<String, String> columns = new LinkedHashMap<>();
		for (int i = 0; i < nameThenProperty.length; i += 2) {
			columns.put(nameThenProperty[i], nameThenProperty[i + 1]);
		}
		return Collections.unmodifiableMap(columns);
	}

	/**
	 * The order a list endpoint asks for; a column that is not sortable is refused.
	 * @param raw the {@code sort} parameter, blank for the default order
	 * @param columns the sortable columns, the first one being the default
	 */
	public static ListSort of(@Nullable String raw, Map<String, String> columns) {
		return of(raw, columns, columns.keySet().iterator().next());
	}

	/**
	 * The order a list endpoint asks for, with a default other than the first column ascending;
	 * a column that is not sortable is refused.
	 * @param raw the {@code sort} parameter, blank for the default order
	 * @param columns the sortable columns
	 * @param defaultOrder the order without a {@code sort} parameter, written as one, such as {@code -time}
	 */
	public static ListSort of(@Nullable String raw, Map<String, String> columns, String defaultOrder) {
		ListSort sort = parse(raw, columns, defaultOrder);
		if (sort.ignored != null) {
			throw new InvalidInputException("sort",
					"must be one of " + String.join(", ", columns.keySet()) + ", each optionally preceded by -");
		}
		return sort;
	}

	/**
	 * The order a list page asks for; a column that is not sortable falls back to the default
	 * order and is kept in {@link #ignored()}.
	 */
	public static ListSort orDefault(@Nullable String raw, Map<String, String> columns) {
		return orDefault(raw, columns, columns.keySet().iterator().next());
	}

	/**
	 * The order a list page asks for, with a default other than the first column ascending; a
	 * column that is not sortable falls back to the default order and is kept in {@link #ignored()}.
	 * @param defaultOrder the order without a {@code sort} parameter, written as one, such as {@code -time}
	 */
	public static ListSort orDefault(@Nullable String raw, Map<String, String> columns, String defaultOrder) {
		return parse(raw, columns, defaultOrder);
	}

	private static ListSort parse(@Nullable String raw, Map<String, String> columns, String defaultOrder) {
		ListSort fallback = column(defaultOrder, columns, null);
		if (fallback == null) {
			throw new IllegalArgumentException("the default order " + defaultOrder + " is not one of the columns");
		}
		if (raw == null || raw.isBlank()) {
			return fallback;
		}
		String text = raw.strip();
		ListSort sort = column(text, columns, null);
		return sort != null ? sort : column(defaultOrder, columns, text);
	}

	private static @Nullable ListSort column(String text, Map<String, String> columns, @Nullable String ignored) {
		boolean descending = text.startsWith("-");
		String column = descending ? text.substring(1) : text;
		return columns.containsKey(column) ? new ListSort(column, descending, columns, ignored) : null;
	}

	/** The order for a repository, with the id breaking ties. */
	public Sort sort() {
		Sort.Direction direction = descending ? Sort.Direction.DESC : Sort.Direction.ASC;
		return Sort.by(direction, columns.get(column)).and(Sort.by(direction, "id"));
	}

	/**
	 * The order for an SQL {@code ORDER BY}, with the id breaking ties; the columns' properties are
	 * then SQL expressions, and only those of the allow-list ever reach the statement.
	 */
	public String orderBy() {
		String direction = descending ? " DESC" : " ASC";
		return columns.get(column) + direction + ", id" + direction;
	}

	/** The {@code sort} parameter this order is written as. */
	public String parameter() {
		return descending ? "-" + column : column;
	}

	/** The {@code sort} parameter a click on the column's header asks for. */
	public String toggled(String other) {
		return other.equals(column) && !descending ? "-" + other : other;
	}

	/** The header's {@code aria-sort}: only the sorted column has one. */
	public @Nullable String aria(String other) {
		if (!other.equals(column)) {
			return null;
		}
		return descending ? "descending" : "ascending";
	}

}
