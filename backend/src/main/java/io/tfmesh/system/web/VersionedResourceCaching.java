package io.tfmesh.system.web;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caches a static file requested by a name with its content hash for a year, as immutable: a
 * new version of the file has another name. The resource handler only serves such a name when
 * the hash is the file's, so whatever it answers under it never changes.
 */
class VersionedResourceCaching extends OncePerRequestFilter {

	static final String IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).immutable().getHeaderValue();

	/** What {@link StaticResourceConfiguration} has the resource handler send with a file. */
	static final String SERVED = CacheControl.noCache().getHeaderValue();

	/** {@code name-<md5 of the content>.ext}, as {@code VersionResourceResolver}'s content strategy names files. */
	private static final Pattern VERSIONED = Pattern.compile("-[0-9a-f]{32}\\.[^/]*$");

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !VERSIONED.matcher(request.getRequestURI()).find();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, new HttpServletResponseWrapper(response) {

			@Override
			public void setHeader(String name, String value) {
				super.setHeader(name, cacheControl(name, value));
			}

			@Override
			public void addHeader(String name, String value) {
				super.addHeader(name, cacheControl(name, value));
			}

			/**
			 * Only the resource handler's own header, set when it serves the file: an error (a hash
			 * that is not the file's, for one) keeps what the rest of tfmesh sets, before its status.
			 */
			private String cacheControl(String name, String value) {
				return HttpHeaders.CACHE_CONTROL.equalsIgnoreCase(name) && SERVED.equals(value) ? IMMUTABLE : value;
			}

		});
	}

}
