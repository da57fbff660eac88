package io.tfmesh.system.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.transaction.TransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates API calls that carry {@code Authorization: Bearer <personal API token>}. */
class BearerTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final ApiTokenAuthenticator tokens;

	private final AuthenticationEntryPoint entryPoint;

	private final LoginAttempts attempts;

	BearerTokenFilter(ApiTokenAuthenticator tokens, AuthenticationEntryPoint entryPoint, LoginAttempts attempts) {
		this.tokens = tokens;
		this.entryPoint = entryPoint;
		this.attempts = attempts;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			chain.doFilter(request, response);
			return;
		}
		Optional<UserDetails> account;
		try {
			account = tokens.authenticate(header.substring(BEARER.length()).strip());
		}
		catch (DataAccessException | TransactionException ex) {
			// the token could not be checked, which is not a wrong token
			SecurityContextHolder.clearContext();
			entryPoint.commence(request, response,
					new InternalAuthenticationServiceException("API token could not be checked", ex));
			return;
		}
		if (account.isEmpty()) {
			attempts.failed(null, request.getRemoteAddr(), LoginAttempts.TOKEN, "invalid or expired API token");
			SecurityContextHolder.clearContext();
			entryPoint.commence(request, response, new BadCredentialsException("Invalid or expired API token"));
			return;
		}
		UserDetails details = account.get();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(
				UsernamePasswordAuthenticationToken.authenticated(details, null, details.getAuthorities()));
		SecurityContextHolder.setContext(context);
		chain.doFilter(request, response);
	}

}
