package io.tfmesh.system.security;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemResponsesTest {

	private final ProblemResponses problems = new ProblemResponses(JsonMapper.builder().build());

	@Test
	void credentialsThatCouldNotBeCheckedAreUnavailableNotWrong() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		// what Spring Security makes of a user lookup that failed in the database
		problems.unauthenticated()
			.commence(new MockHttpServletRequest("GET", "/api/v1/clouds"), response,
					new InternalAuthenticationServiceException("lookup failed",
							new DataAccessResourceFailureException("Connection refused")));

		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isNotBlank();
		assertThat(response.getHeader("WWW-Authenticate")).isNull();
		assertThat(response.getContentAsString()).contains("urn:tfmesh:problem:database-unavailable");
	}

	@Test
	void wrongCredentialsStayUnauthenticated() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		problems.unauthenticated()
			.commence(new MockHttpServletRequest("GET", "/api/v1/clouds"), response,
					new BadCredentialsException("Bad credentials"));

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("WWW-Authenticate")).contains("Basic");
	}

}
