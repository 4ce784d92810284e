/* The benchmark's reference for the Graphviz door: the same libgvc calls the
 * door makes (parse, layout, render, free), from C, on the same DOT file,
 * warm (one context), many iterations. Prints nanoseconds per iteration.
 * Built and run by scripts/bench.sh; not part of the product.
 * Usage: door FILE.dot FORMAT ITERATIONS */
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int quiet(char *message) { (void)message; return 0; }

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: door FILE.dot FORMAT ITERATIONS\n"); return 2; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 1; }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    rewind(f);
    char *dot = malloc(size + 1);
    if (fread(dot, 1, size, f) != (size_t)size) { perror("read"); return 1; }
    dot[size] = 0;
    fclose(f);
    int iterations = atoi(argv[3]);
    GVC_t *context = gvContext();
    agseterrf(quiet);
    agseterr(AGWARN);
    double start = 0;
    for (int i = -1; i < iterations; i++) {  /* one warm-up */
        if (i == 0) start = now();
        agreseterrors();
        Agraph_t *graph = agmemread(dot);
        if (!graph || gvLayout(context, graph, "dot") != 0) { fprintf(stderr, "layout failed\n"); return 1; }
        char *data = NULL;
        unsigned int length = 0;
        if (gvRenderData(context, graph, argv[2], &data, &length) != 0) { fprintf(stderr, "render failed\n"); return 1; }
        gvFreeRenderData(data);
        gvFreeLayout(context, graph);
        agclose(graph);
    }
    printf("%.0f\n", (now() - start) / iterations);
    return 0;
}
