package main

func (c *cli) serve(args []string) int {
	return exitError
}
