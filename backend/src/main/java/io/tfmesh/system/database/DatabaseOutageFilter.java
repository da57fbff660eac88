package io.tfmesh.system.database;

import java.io.IOException;
import java.util.List;

import io.tfmesh.system.error.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers for tfmesh while its embedded database is lost, before authentication runs: a
 * password cannot be checked without the database, and a failed check must not read as a wrong
 * password. The API answers 503 with problem details; the dashboard shows the login page saying
 * the service is unavailable. Health endpoints and static files still answer as usual.
 */
class DatabaseOutageFilter extends OncePerRequestFilter {

	/** Request attribute that tells the login page the database is unavailable. */
	static final String UNAVAILABLE_ATTRIBUTE = "databaseUnavailable";

	static final String RETRY_AFTER_SECONDS = "5";

	private static final List<String> ALWAYS_SERVED = List.of("/actuator/health", "/css/", "/js/", "/img/",
			"/webjars/", "/favicon.ico");

	private static final String DETAIL = "tfmesh cannot reach its database, which is being restarted;"
			+ " nothing was read or changed. Try again in a few seconds.";

	private final EmbeddedPostgresServer server;

	private final JsonMapper json;

	DatabaseOutageFilter(EmbeddedPostgresServer server, JsonMapper json) {
		this.server = server;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (server.isAvailable() || ALWAYS_SERVED.stream().anyMatch(path::startsWith)) {
			chain.doFilter(request, response);
			return;
		}
		response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		if (path.startsWith("/api/") || path.startsWith("/actuator") || path.startsWith("/v3/api-docs")) {
			writeProblem(request, response);
		}
		else if (path.equals("/login") && "GET".equals(request.getMethod())) {
			request.setAttribute(UNAVAILABLE_ATTRIBUTE, Boolean.TRUE);
			response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
			chain.doFilter(request, response);
		}
		else {
			// a login attempt or any page: the login page says why nothing can be done now
			response.setStatus(HttpStatus.SEE_OTHER.value());
			response.setHeader(HttpHeaders.LOCATION, request.getContextPath() + "/login");
		}
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return true;
	}

	private void writeProblem(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Problems.write(request, response, json, HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", DETAIL,
				List.of());
	}

}
