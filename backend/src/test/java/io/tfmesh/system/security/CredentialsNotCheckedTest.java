package io.tfmesh.system.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.tfmesh.support.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureServiceExceptionEvent;
import org.springframework.security.core.userdetails.UserDetails;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A password or token that could not be checked is not a wrong one, on any path. */
class CredentialsNotCheckedTest {

	private final LoginThrottle throttle = new LoginThrottle(new LoginThrottleSettings(1, 1, Duration.ofMinutes(5)),
			new MovableClock(Instant.parse("2026-11-30T00:00:00Z")));

	private final List<Object> published = new ArrayList<>();

	private final LoginAttempts attempts = new LoginAttempts(throttle, published::add);

	private final ProblemResponses problems = new ProblemResponses(JsonMapper.builder().build());

	@Test
	void aTokenWhoseLookupFailedIsUnavailableAndCountsNoFailure() throws Exception {
		BearerTokenFilter filter = new BearerTokenFilter(token -> {
			throw new DataAccessResourceFailureException("Connection refused");
		}, problems.unauthenticated(), attempts);
		MockHttpServletRequest request = bearer();
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		filter.doFilter(request, response, chain);

		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentAsString()).contains("database-unavailable");
		assertThat(chain.getRequest()).as("the request goes no further").isNull();
		assertThat(throttle.refusal(null, "10.1.2.3")).isEmpty();
		assertThat(published).isEmpty();
	}

	@Test
	void anUnknownTokenIsStillUnauthenticatedAndCounted() throws Exception {
		BearerTokenFilter filter = new BearerTokenFilter(token -> Optional.<UserDetails>empty(),
				problems.unauthenticated(), attempts);
		MockHttpServletResponse response = new MockHttpServletResponse();

		filter.doFilter(bearer(), response, new MockFilterChain());

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(throttle.refusal(null, "10.1.2.3")).isPresent();
	}

	@Test
	void aFormLoginThatCouldNotBeCheckedSaysUnavailableNotWrongPassword() throws Exception {
		LoginFailurePage page = new LoginFailurePage();
		MockHttpServletResponse unavailable = new MockHttpServletResponse();
		MockHttpServletResponse wrong = new MockHttpServletResponse();

		page.onAuthenticationFailure(new MockHttpServletRequest("POST", "/login"), unavailable,
				new InternalAuthenticationServiceException("lookup failed"));
		page.onAuthenticationFailure(new MockHttpServletRequest("POST", "/login"), wrong,
				new BadCredentialsException("Bad credentials"));

		assertThat(unavailable.getRedirectedUrl()).isEqualTo("/login?unavailable");
		assertThat(wrong.getRedirectedUrl()).isEqualTo("/login?error");
	}

	@Test
	void aLoginThatCouldNotBeCheckedIsNeitherCountedNorAudited() {
		UsernamePasswordAuthenticationToken alice = UsernamePasswordAuthenticationToken.unauthenticated("alice", "x");

		attempts.on(new AuthenticationFailureServiceExceptionEvent(alice,
				new InternalAuthenticationServiceException("lookup failed")));
		assertThat(throttle.refusal("alice", "10.9.9.9")).isEmpty();
		assertThat(published).isEmpty();

		attempts.on(new AuthenticationFailureBadCredentialsEvent(alice, new BadCredentialsException("Bad credentials")));
		assertThat(throttle.refusal("alice", "10.9.9.9")).isPresent();
		assertThat(published).hasSize(1);
	}

	private static MockHttpServletRequest bearer() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/clouds");
		request.setRemoteAddr("10.1.2.3");
		request.addHeader("Authorization", "Bearer tfm_0123456789");
		return request;
	}

}
