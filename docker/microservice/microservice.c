/*
 * A demo HTTP microservice for workload tests, one static binary with no dependencies.
 *   GET /         200 "<greeting> from <pod name> (version <VERSION>)"
 *   GET /healthz  200 "ok", or 500 once unhealthy
 *   GET /fail     makes /healthz fail from now on (liveness-probe tests)
 *   GET /recover  makes /healthz pass again
 *   GET /readyz   like /healthz
 * The pod name comes from POD_NAME, else HOSTNAME. UNHEALTHY=1 starts it unhealthy.
 * Listens on PORT (default 3000); SIGTERM exits 0 at once (it runs as PID 1).
 * Logs one line per request to stdout. One connection at a time with a receive timeout: enough for tests, and simple to read.
 */
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#ifndef VERSION
#define VERSION "1.0"
#endif
#ifndef GREETING
#define GREETING "hello"
#endif

static int healthy = 1;

static void on_stop(int sig) {
  (void)sig;
  _exit(0);
}

static void respond(int fd, int status, const char *body) {
  char head[256];
  const char *text = status == 200 ? "OK" : status == 404 ? "Not Found" : "Internal Server Error";
  int n = snprintf(head, sizeof head,
                   "HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\nContent-Length: %zu\r\n"
                   "X-Version: " VERSION "\r\nConnection: close\r\n\r\n",
                   status, text, strlen(body));
  if (write(fd, head, n) < 0 || write(fd, body, strlen(body)) < 0) return;
}

static void serve(int fd, const char *pod) {
  char req[2048] = {0};
  ssize_t got = read(fd, req, sizeof req - 1);
  if (got <= 0) return;
  char method[16] = {0}, path[512] = {0};
  if (sscanf(req, "%15s %511s", method, path) != 2) return respond(fd, 500, "bad request\n");
  printf("%s %s\n", method, path);
  fflush(stdout);
  char *query = strchr(path, '?');
  if (query) *query = 0;
  char body[768];
  if (strcmp(path, "/") == 0) {
    snprintf(body, sizeof body, GREETING " from %s (version " VERSION ")\n", pod);
    respond(fd, 200, body);
  } else if (strcmp(path, "/healthz") == 0 || strcmp(path, "/readyz") == 0) {
    respond(fd, healthy ? 200 : 500, healthy ? "ok\n" : "unhealthy\n");
  } else if (strcmp(path, "/fail") == 0) {
    healthy = 0;
    respond(fd, 200, "now unhealthy\n");
  } else if (strcmp(path, "/recover") == 0) {
    healthy = 1;
    respond(fd, 200, "now healthy\n");
  } else {
    respond(fd, 404, "not found\n");
  }
}

int main(void) {
  signal(SIGTERM, on_stop);
  signal(SIGINT, on_stop);
  signal(SIGPIPE, SIG_IGN);
  const char *pod = getenv("POD_NAME");
  if (!pod || !*pod) pod = getenv("HOSTNAME");
  if (!pod) pod = "unknown";
  const char *unhealthy = getenv("UNHEALTHY");
  if (unhealthy && strcmp(unhealthy, "1") == 0) healthy = 0;
  const char *port_env = getenv("PORT");
  int port = port_env ? atoi(port_env) : 3000;

  int server = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_ANY)};
  if (bind(server, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(server, 64) != 0) {
    perror("microservice: listen");
    return 1;
  }
  printf("microservice " VERSION " listening on :%d as %s\n", port, pod);
  fflush(stdout);
  for (;;) {
    int fd = accept(server, NULL, NULL);
    if (fd < 0) continue;
    struct timeval timeout = {.tv_sec = 5};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    serve(fd, pod);
    close(fd);
  }
}
