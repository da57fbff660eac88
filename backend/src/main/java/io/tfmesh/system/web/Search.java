package io.tfmesh.system.web;

/** Helpers for the free-text search boxes of list pages and endpoints. */
public final class Search {

	private Search() {
	}

	/**
	 * A LIKE pattern that finds {@code text} anywhere, with the wildcard characters of the text
	 * itself escaped by backslash; the empty string matches everything.
	 */
	public static String containsPattern(String text) {
		String plain = text == null ? "" : text.strip().toLowerCase();
		return "%" + plain.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

}
