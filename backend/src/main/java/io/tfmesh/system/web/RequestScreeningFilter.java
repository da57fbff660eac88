package io.tfmesh.system.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tfmesh.system.error.BodyTooLargeException;
import io.tfmesh.system.error.FieldProblem;
import io.tfmesh.system.error.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses, before authentication and before any parsing, the requests no handler could read
 * safely: a body larger than the limit (413; a body without a length is cut off at the limit
 * while it is read), a Content-Type that names no media type (415), a multipart body without
 * its boundary, and a NUL character in the path, a query parameter or a form field (400).
 */
class RequestScreeningFilter extends OncePerRequestFilter {

	private final long maxBodySize;

	private final JsonMapper json;

	RequestScreeningFilter(RequestLimits limits, JsonMapper json) {
		this.maxBodySize = limits.maxBodySize().toBytes();
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > maxBodySize) {
			// the client may still be sending: close rather than read megabytes to keep the connection
			response.setHeader("Connection", "close");
			write(request, response, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
					"The request body has " + request.getContentLengthLong() + " bytes; tfmesh reads at most "
							+ maxBodySize + " (tfmesh.web.max-body-size)",
					null);
			return;
		}
		String contentType = request.getContentType();
		String typeProblem = contentType == null ? null : contentTypeProblem(contentType);
		if (typeProblem != null) {
			write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", typeProblem, null);
			return;
		}
		if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")
				&& !contentType.toLowerCase(Locale.ROOT).contains("boundary=")) {
			write(request, response, HttpStatus.BAD_REQUEST, "unreadable-body",
					"The multipart body names no boundary in its Content-Type (multipart/form-data; boundary=...)",
					null);
			return;
		}
		String nulField = nulField(request);
		if (nulField != null) {
			write(request, response, HttpStatus.BAD_REQUEST, "invalid-input",
					nulField + ": must not contain NUL characters", nulField);
			return;
		}
		chain.doFilter(new LimitedRequest(request, maxBodySize), response);
	}

	/** Why the Content-Type names no media type a body could be read as, or null when it names one. */
	private static @Nullable String contentTypeProblem(String contentType) {
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			if (type.isWildcardType() || type.isWildcardSubtype()) {
				return "The Content-Type " + contentType + " is a pattern; name the body's media type, such as application/json";
			}
			return null;
		}
		catch (InvalidMediaTypeException ex) {
			return "The Content-Type is not a media type: " + ex.getMessage();
		}
	}

	/** The path, or the name of the query parameter, that holds an encoded NUL character. */
	private static @Nullable String nulField(HttpServletRequest request) {
		if (containsNul(request.getRequestURI())) {
			return "path";
		}
		String type = request.getContentType();
		if (type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
			// a dashboard form: Tomcat has decoded its fields into parameters
			for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
				for (String value : parameter.getValue()) {
					if (value.indexOf('\0') >= 0 || parameter.getKey().indexOf('\0') >= 0) {
						return parameter.getKey().replace("\0", "\\0");
					}
				}
			}
		}
		String query = request.getQueryString();
		if (query == null || !containsNul(query)) {
			return null;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = equals < 0 ? pair : pair.substring(0, equals);
			if (containsNul(pair)) {
				return containsNul(name) ? "query" : decode(name);
			}
		}
		return "query";
	}

	private static boolean containsNul(String text) {
		return text.indexOf('\0') >= 0 || text.toLowerCase(Locale.ROOT).contains("%00");
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
			String detail, @Nullable String field) throws IOException {
		Problems.write(request, response, json, status, type, detail,
				(field != null) ? List.of(new FieldProblem(field, "must not contain NUL characters")) : List.of());
	}

	/** A request whose body stream fails once more than the limit has been read from it. */
	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private @Nullable ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new LimitedStream(super.getInputStream(), limit);
			}
			return stream;
		}

	}

	private static final class LimitedStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limit;

		private long read;

		LimitedStream(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int value = delegate.read();
			if (value >= 0) {
				count(1);
			}
			return value;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int count = delegate.read(buffer, offset, length);
			if (count > 0) {
				count(count);
			}
			return count;
		}

		private void count(int bytes) throws IOException {
			read += bytes;
			if (read > limit) {
				throw new BodyTooLargeException(limit);
			}
		}

		@Override
		public boolean isFinished() {
			return delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			delegate.setReadListener(listener);
		}

	}

}
