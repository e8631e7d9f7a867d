// Strings that run script or fetch a foreign host when a renderer treats text as markup,
// a URL or a template. Every one is harmless when shown as text.
export const FOREIGN_HOST = 'evil.example';

export const xssPayloads = [
  '<script>alert("xss-script")</script>',
  '<img src=x onerror=alert("xss-img")>',
  '"><svg onload=alert("xss-svg")>',
  "'><iframe src=\"javascript:alert('xss-iframe')\"></iframe>",
  '<a href="javascript:alert(\'xss-link\')">click me</a>',
  '[click me](javascript:alert("xss-md-link"))',
  `![tracker](http://${FOREIGN_HOST}/md-image.png)`,
  `<img src="http://${FOREIGN_HOST}/html-image.png">`,
  `<link rel="stylesheet" href="http://${FOREIGN_HOST}/style.css">`,
  `<style>@import url("http://${FOREIGN_HOST}/import.css");</style>`,
  '<details open ontoggle=alert("xss-toggle")>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert("xss-mxss")>',
  '{{constructor.constructor("alert(\'xss-template\')")()}}',
  '${alert("xss-template-literal")}',
  'javascript:alert("xss-bare-url")',
  `<meta http-equiv="refresh" content="0;url=http://${FOREIGN_HOST}/">`,
  '\u001b]8;;javascript:alert("xss-osc8")\u001b\\link\u001b]8;;\u001b\\',
] as const;
