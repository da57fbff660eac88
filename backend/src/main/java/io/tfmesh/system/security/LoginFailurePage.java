package io.tfmesh.system.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Where a failed form login goes: a password that could not be checked (the account store did
 * not answer) is not a wrong password, and the login page must not say it is.
 */
class LoginFailurePage implements AuthenticationFailureHandler {

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		String page = (exception instanceof InternalAuthenticationServiceException) ? "/login?unavailable"
				: "/login?error";
		response.sendRedirect(request.getContextPath() + page);
	}

}
