// Swagger UI over the app's own OpenAPI description (kept in a file: the CSP allows no inline script).
"use strict";
window.addEventListener("load", function () {
  if (typeof SwaggerUIBundle === "undefined") return;
  SwaggerUIBundle({url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
                   validatorUrl: null, tryItOutEnabled: false});
});
