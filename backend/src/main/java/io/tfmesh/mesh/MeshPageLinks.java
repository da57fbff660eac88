package io.tfmesh.mesh;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links to other pages of one of the mesh page's lists, keeping the pages of the others and
 * the conflict filter.
 */
public final class MeshPageLinks {

	private final HttpServletRequest request;

	MeshPageLinks(HttpServletRequest request) {
		this.request = request;
	}

	/** The conflicts panel alone, with the page's filter and pages, which the page reloads by itself. */
	public String panel() {
		String path = request.getRequestURI().replaceFirst("/conflicts$", "") + "/conflicts";
		return UriComponentsBuilder.fromPath(path).query(request.getQueryString()).build().toUriString();
	}

	/** @param list {@code members}, {@code allocations} or {@code conflicts} */
	public String to(String list, int page) {
		String path = request.getRequestURI().replaceFirst("/conflicts$", "");
		return UriComponentsBuilder.fromPath(path)
			.query(request.getQueryString())
			.replaceQueryParam(list + "Page", page)
			.build()
			.toUriString() + "#" + list;
	}

}
