package io.tfmesh.system.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.util.UriComponentsBuilder;

/** Links to other pages of the current list that keep its search and filters. */
public final class PageLinks {

	private final HttpServletRequest request;

	PageLinks(HttpServletRequest request) {
		this.request = request;
	}

	public String to(int page) {
		String query = request.getQueryString();
		return UriComponentsBuilder.fromPath(request.getRequestURI())
			.query(query)
			.replaceQueryParam("page", page)
			.build()
			.toUriString();
	}

	/** The first page of the current list in another order, keeping its search and filters. */
	public String sorted(String sort) {
		String query = request.getQueryString();
		return UriComponentsBuilder.fromPath(request.getRequestURI())
			.query(query)
			.replaceQueryParam("sort", sort)
			.replaceQueryParam("page")
			.build()
			.toUriString();
	}

}
